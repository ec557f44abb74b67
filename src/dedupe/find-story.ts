import type { Item, Story } from '../domain/index.ts';
import type { Store } from '../store/index.ts';
import { identityKeys } from './identity.ts';

/** What the ingest cycle should do with an item. */
export type DedupeVerdict =
  | { kind: 'new'; identityKeys: string[] }
  /** Already stored: the same entry fetched again. */
  | { kind: 'seen'; storyId: string }
  /** Another source's copy of a stored story. */
  | { kind: 'copy'; story: Story; identityKeys: string[] };

/** Decides whether an item starts a story, repeats one, or is another outlet's copy of one. */
export async function findStory(item: Item, store: Store): Promise<DedupeVerdict> {
  const keys = identityKeys(item);
  const storyId = await store.findByIdentity(keys);
  if (storyId === undefined) return { kind: 'new', identityKeys: keys };
  const story = await store.getStory(storyId);
  if (!story || isSameEntry(story, item)) return { kind: 'seen', storyId };
  return { kind: 'copy', story, identityKeys: keys };
}

function isSameEntry(story: Story, item: Item): boolean {
  if (story.item.id === item.id || story.item.sourceId === item.sourceId) return true;
  return story.copies.some((copy) => copy.itemId === item.id || copy.sourceId === item.sourceId);
}
