import type { DedupeLookup } from '../store/index.ts';
import { itemKey } from './decide.ts';

/**
 * The ids, of those given, of items the store already holds (as a story or as a copy): a re-fetched
 * feed's known entries need no content work, since filing them would change nothing. One store call.
 */
export async function storedItemIds(itemIds: string[], lookup: DedupeLookup): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const holders = await lookup.findHolders(itemIds.map((id) => itemKey({ id })));
  return new Set(itemIds.filter((id) => holders.has(itemKey({ id }))));
}
