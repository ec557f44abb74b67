/** Which earlier story an item belongs to. */
export { identityKeys } from './identity.ts';
export { findStory, type DedupeVerdict } from './find-story.ts';
