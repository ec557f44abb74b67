import { expect } from 'vitest';
import type { Copy, SourceState, Story } from '../../src/domain/index.ts';
import type { FilingEntry, SourceFiling, Store } from '../../src/store/index.ts';

/**
 * The filings' clock, on the minute, near the real one: Redis expires keys by its own clock, so a
 * window far in the past would expire its entries at once.
 */
export const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
/** How long a filed fingerprint stays live. */
export const WINDOW_HOURS = 72;

/** `NOW` moved by some hours (negative: earlier). */
export function hoursLater(hours: number): Date {
  return new Date(NOW.getTime() + hours * 3_600_000);
}

/** How a new story is filed: its identity keys and its fingerprint, and what dedupe saw holding the bands. */
export interface NewEntryOptions {
  identityKeys?: string[];
  bandKeys?: string[];
  signature?: Uint8Array;
  /** One per band key; null (nobody seen holding it) unless given. */
  bandHolders?: (string | null)[];
}

/** A new story's filing entry, claiming `item:<its item id>`. */
export function newEntry(story: Story, opts: NewEntryOptions = {}): FilingEntry {
  const bandKeys = opts.bandKeys ?? [];
  return {
    kind: 'new',
    story,
    itemKey: `item:${story.item.id}`,
    identityKeys: opts.identityKeys ?? [],
    fingerprint: { bandKeys, signature: opts.signature ?? Uint8Array.of(1, 2, 3) },
    bandHolders: opts.bandHolders ?? bandKeys.map(() => null),
  };
}

/** A copy's filing entry, claiming `item:<the copy's item id>`. */
export function copyEntry(storyId: string, copy: Copy, keys: string[] = []): FilingEntry {
  return { kind: 'copy', storyId, copy, itemKey: `item:${copy.itemId}`, identityKeys: keys };
}

/** A source state with the required fields only. */
export function sourceState(sourceId: string, itemsSeen = 0): SourceState {
  return { sourceId, consecutiveFailures: 0, itemsSeen };
}

/** A source's poll: its entries in feed order, a state (tass's by default) and a window at `now` (NOW by default). */
export function filing(entries: FilingEntry[], opts: { state?: SourceState; now?: Date } = {}): SourceFiling {
  return {
    state: opts.state ?? sourceState('tass', entries.length),
    entries,
    window: { now: opts.now ?? NOW, hours: WINDOW_HOURS },
  };
}

/** Files each poll in turn, failing the test on any conflict. */
export async function fileAll(store: Store, ...filings: SourceFiling[]): Promise<void> {
  for (const each of filings) expect(await store.fileSource(each)).toEqual({ filed: true });
}

/** Files each story as its own new entry, in one poll of tass, claiming `url:<id>`. */
export async function fileStories(store: Store, stories: Story[], now: Date = NOW): Promise<void> {
  await fileAll(
    store,
    filing(
      stories.map((story) => newEntry(story, { identityKeys: [`url:${story.id}`] })),
      { now },
    ),
  );
}
