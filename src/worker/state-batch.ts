import type { SourceState } from '../domain/index.ts';
import type { Store } from '../store/index.ts';

/** Files one poll's new state when the poll brought no items; resolves once it is stored. */
export type FileState = (state: SourceState) => Promise<void>;

// Enough to carry a burst of 304s, small enough for one Lua script's arguments and a short write lock.
const MOST = 512;

/**
 * Polls that brought no items (most polls: 304s) finish close together; their states are filed
 * together in one `Store.fileStates` write at the end of the event-loop turn, which is most of a 304
 * poll's cost saved. Every poll still waits for its own state to be stored, and a failed write fails
 * each of its polls: nothing is acknowledged before it is written.
 */
export function createStateBatch(store: Store): FileState {
  const waiting: { state: SourceState; done: (error?: unknown) => void }[] = [];
  const flush = async (): Promise<void> => {
    const batch = waiting.splice(0, MOST);
    if (waiting.length > 0) setImmediate(flush);
    try {
      await store.fileStates(batch.map((entry) => entry.state));
      for (const entry of batch) entry.done();
    } catch (error) {
      for (const entry of batch) entry.done(error ?? new Error('store: filing source states failed'));
    }
  };
  return (state) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ state, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (waiting.length === 1) setImmediate(flush);
    });
}
