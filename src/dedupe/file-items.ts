import type { Copy, Item, Story } from '../domain/index.ts';
import type { Store } from '../store/index.ts';
import { findStories, indexStories, type DedupeOptions, type IndexEntry } from './find-stories.ts';

/** What became of one item: it started a story, was added to one as a copy, or was already there. */
export interface FiledItem {
  kind: 'new' | 'copy' | 'seen';
  storyId: string;
}

/**
 * Dedupes a batch (a feed's items, in order) and files each item: a new story is built by `toStory`,
 * saved and indexed, a copy is added to its story. Stream order is exact; when another worker saves
 * the same story first, the rest of the batch is looked up again.
 */
export async function fileItems(
  items: Item[],
  store: Store,
  options: DedupeOptions,
  toStory: (item: Item) => Story,
): Promise<FiledItem[]> {
  const filed: FiledItem[] = [];
  let retried = -1;
  while (filed.length < items.length) {
    const round = await fileRound(items.slice(filed.length), store, options, toStory);
    filed.push(...round.filed);
    if (round.lostTo === undefined) continue;
    // An item that loses its race twice in a row is left to the winner: never loop on it.
    if (retried === filed.length) filed.push({ kind: 'seen', storyId: round.lostTo });
    else retried = filed.length;
  }
  return filed;
}

// Files items until one loses a race for its identity keys; indexes the stories it saved.
async function fileRound(
  items: Item[],
  store: Store,
  options: DedupeOptions,
  toStory: (item: Item) => Story,
): Promise<{ filed: FiledItem[]; lostTo?: string }> {
  const verdicts = await findStories(items, store, options);
  const filed: FiledItem[] = [];
  let lostTo: string | undefined;
  const saved: { storyId: string; index: IndexEntry }[] = [];
  for (const [i, verdict] of verdicts.entries()) {
    const item = items[i] as Item;
    if (verdict.kind === 'seen') {
      filed.push({ kind: 'seen', storyId: verdict.storyId });
    } else if (verdict.kind === 'copy') {
      await store.addCopy(verdict.storyId, copyOf(item), verdict.identityKeys);
      filed.push({ kind: 'copy', storyId: verdict.storyId });
    } else {
      const outcome = await store.saveStory(toStory(item), verdict.identityKeys);
      if (!outcome.saved) {
        lostTo = outcome.existingStoryId;
        break;
      }
      saved.push({ storyId: item.id, index: verdict.index });
      filed.push({ kind: 'new', storyId: item.id });
    }
  }
  await indexStories(store, saved, options);
  return { filed, lostTo };
}

function copyOf(item: Item): Copy {
  return { itemId: item.id, sourceId: item.sourceId, link: item.link, published: item.published };
}
