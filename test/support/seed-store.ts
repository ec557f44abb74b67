import type { Copy, SourceState, Story } from '../../src/domain/index.ts';
import type { FilingEntry, Store } from '../../src/store/index.ts';

// Tests that need stories in a store file them as the worker would: one fileSource per call.
const SEED_WINDOW = { now: new Date('2026-01-01T00:00:00.000Z'), hours: 72 };

/** The state a seeding filing carries when a test gives none. */
function emptyState(sourceId: string): SourceState {
  return { sourceId, consecutiveFailures: 0, itemsSeen: 0 };
}

async function file(store: Store, entries: FilingEntry[], state: SourceState): Promise<void> {
  const outcome = await store.fileSource({ state, entries, window: SEED_WINDOW });
  if (!outcome.filed) throw new Error(`test: seeding conflicted: ${outcome.conflict}`);
}

/** Files each story as new, known by its item key and canonical URL, with no fingerprint. */
export async function seedStories(store: Store, stories: Story[]): Promise<void> {
  const entries: FilingEntry[] = stories.map((story) => ({
    kind: 'new',
    story,
    itemKey: `item:${story.item.id}`,
    identityKeys: story.item.url ? [`url:${story.item.url}`] : [],
    fingerprint: { bandKeys: [], signature: new Uint8Array() },
    bandHolders: [],
  }));
  await file(store, entries, emptyState('test-seed'));
}

/** Files a copy of a stored story. */
export async function seedCopy(store: Store, storyId: string, copy: Copy, identityKeys: string[] = []): Promise<void> {
  await file(store, [{ kind: 'copy', storyId, copy, itemKey: `item:${copy.itemId}`, identityKeys }], emptyState('test-seed'));
}

/** Saves a source's state, as a poll that filed nothing does. */
export async function seedState(store: Store, state: SourceState): Promise<void> {
  await file(store, [], state);
}
