// The state batch over a real SQLite store: the states of polls finishing together are all stored,
// each poll waits for its own, and a write that fails fails every poll it carried.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/domain/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createStateBatch } from '../../src/worker/index.ts';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-state-batch-'));
  store = await openStore({ dataDir: dir });
});

afterEach(async () => {
  await store.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const state = (sourceId: string, itemsSeen = 0) => ({ sourceId, consecutiveFailures: 0, itemsSeen });

describe('createStateBatch', () => {
  it('stores every state filed in one turn, more than one write holds, and each poll sees its own stored', async () => {
    const fileState = createStateBatch(store);
    const ids = Array.from({ length: 1200 }, (_, i) => `s${String(i).padStart(4, '0')}`);
    await Promise.all(
      ids.map(async (id, i) => {
        await fileState(state(id, i));
        expect(await store.getSourceState(id)).toEqual(state(id, i));
      }),
    );
    expect((await store.listSourceStates()).map((s) => s.sourceId)).toEqual(ids);
    // A later turn is a batch of its own.
    await fileState(state('s0000', 99));
    expect(await store.getSourceState('s0000')).toEqual(state('s0000', 99));
  });

  it('rejects every poll of a write that fails, with the store error', async () => {
    const fileState = createStateBatch(store);
    await store.close();
    const results = await Promise.allSettled([fileState(state('a')), fileState(state('b'))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    for (const result of results) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(StoreError);
  });
});
