import type { Store } from '../store/index.ts';
import { entryKey } from './find-stories.ts';

/**
 * The ids, of those given, of items the store already holds (as a story or as a copy): a re-fetched
 * feed's known entries need no content work, since filing them would change nothing. One store call.
 */
export async function storedItemIds(itemIds: string[], store: Store): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const holders = await store.findByIdentities(itemIds.map((id) => [entryKey({ id })]));
  return new Set(itemIds.filter((_, i) => holders[i] !== undefined));
}
