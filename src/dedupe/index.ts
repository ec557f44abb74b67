/** Which earlier story an item belongs to: exact identity, then near-duplicate text. */
export { identityKeys } from './identity.ts';
export { findStories, indexStories, entryKey, type DedupeVerdict, type DedupeOptions, type IndexEntry } from './find-stories.ts';
export { fileItems, type FiledItem } from './file-items.ts';
export { storyText, plainText, type StoryText } from './text.ts';
export { storedItemIds } from './known-items.ts';
