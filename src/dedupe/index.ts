/** Which earlier story an item belongs to: exact identity, then near-duplicate text. */
export { identityKeys } from './identity.ts';
export { findStory, indexStory, type DedupeVerdict, type DedupeOptions, type IndexEntry } from './find-story.ts';
export { storyText, plainText, type StoryText } from './text.ts';
