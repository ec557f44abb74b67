import type { SourceState } from '../domain/index.ts';
import type { Store } from '../store/index.ts';

/** Every source's state as last filed, by source id; the map is the view's own, to read, not change. */
export type ReadStates = () => Promise<ReadonlyMap<string, SourceState>>;

// A full read now and then drops the states of sources forgotten since (the changes never name them).
const FULL_READ_EVERY_MS = 60 * 60_000;

/**
 * A scheduler's copy of every source state, brought up to date at each read with only the states
 * filed since the last one (Store.sourceStatesSince): a tick every second over 30,000 sources reads
 * the few that changed, not all of them.
 */
export function createStateView(store: Store, clock: () => number = Date.now): ReadStates {
  let states = new Map<string, SourceState>();
  let cursor: string | undefined;
  let fullReadAt = Number.NEGATIVE_INFINITY;
  return async () => {
    const full = cursor === undefined || clock() - fullReadAt >= FULL_READ_EVERY_MS;
    const changes = await store.sourceStatesSince(full ? undefined : cursor);
    if (full) {
      states = new Map();
      fullReadAt = clock();
    }
    for (const state of changes.states) states.set(state.sourceId, state);
    cursor = changes.cursor;
    return states;
  };
}
