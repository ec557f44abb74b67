import { StoreError, type Copy, type Item, type SourceState, type Story } from '../domain/index.ts';
import { decideStories, type Decision } from '../dedupe/index.ts';
import type { FilingEntry, Store } from '../store/index.ts';

/** What became of one item: it started a story, was added to one as a copy, or was already there. */
export interface FiledItem {
  kind: 'new' | 'copy' | 'seen';
  storyId: string;
}

/** What filing a feed needs: the store, the dedupe window and clock, and how an item becomes a story. */
export interface FilingDeps {
  store: Store;
  windowHours: number;
  now: Date;
  /** Classifies and sanitizes an item that starts a story; called once per such item. */
  toStory: (item: Item) => Story;
}

// Another process filing the same story between our read and our write makes the write conflict;
// deciding again then sees its story. More than a few conflicts in a row means something is wrong.
const ATTEMPTS = 5;

/**
 * Decides a feed's items (in feed order) and files them with the source's new state in one atomic
 * store write. A decision made stale by another process is decided again, so an item that loses a
 * race becomes a copy of the winner, never a failed poll.
 */
export async function fileFeed(items: Item[], state: SourceState, deps: FilingDeps): Promise<FiledItem[]> {
  const stories = new Map<string, Story>();
  const storyOf = (item: Item): Story => {
    let story = stories.get(item.id);
    if (!story) stories.set(item.id, (story = deps.toStory(item)));
    return story;
  };
  const window = { now: deps.now, hours: deps.windowHours };
  let conflict = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const decisions = await decideStories(items, deps.store, { windowHours: deps.windowHours, now: deps.now });
    const entries = decisions.flatMap((decision, i) => toEntry(decision, items[i] as Item, storyOf));
    // A poll or push never changes the subscription: the hub's verification may have, since we read.
    const outcome = await deps.store.fileSource({ state, entries, window, keepSubscription: true });
    if (outcome.filed) return decisions.map((decision, i) => filedAs(decision, items[i] as Item));
    conflict = outcome.conflict;
  }
  throw new StoreError(`store: filing ${state.sourceId} conflicted ${ATTEMPTS} times in a row (last: ${conflict})`);
}

function toEntry(decision: Decision, item: Item, storyOf: (item: Item) => Story): FilingEntry[] {
  if (decision.kind === 'seen') return [];
  if (decision.kind === 'copy') {
    const { storyId, itemKey, identityKeys } = decision;
    return [{ kind: 'copy', storyId, copy: copyOf(item), itemKey, identityKeys }];
  }
  const { itemKey, identityKeys, fingerprint, bandHolders } = decision;
  return [{ kind: 'new', story: storyOf(item), itemKey, identityKeys, fingerprint, bandHolders }];
}

function filedAs(decision: Decision, item: Item): FiledItem {
  return decision.kind === 'new' ? { kind: 'new', storyId: item.id } : { kind: decision.kind, storyId: decision.storyId };
}

function copyOf(item: Item): Copy {
  return { itemId: item.id, sourceId: item.sourceId, link: item.link, published: item.published };
}
