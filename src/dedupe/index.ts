/** Which earlier story an item belongs to: exact identity, then near-duplicates. Decides; writes nothing. */
export { identityKeys } from './identity.ts';
export { decideStories, itemKey, type Decision, type DedupeOptions } from './decide.ts';
export { storyText, plainText, type StoryText } from './text.ts';
export { storedItemIds } from './known-items.ts';
