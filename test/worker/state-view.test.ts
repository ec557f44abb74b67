// The scheduler's state view over a real SQLite store: after every kind of write it holds what a
// full read would, and a forgotten source leaves it at the next full read.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { createStateView } from '../../src/worker/state-view.ts';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-state-view-'));
  store = await openStore({ dataDir: dir });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const state = (sourceId: string, itemsSeen = 0) => ({ sourceId, consecutiveFailures: 0, itemsSeen });
const window = { now: new Date(), hours: 72 };
const asRead = async () => new Map((await store.listSourceStates()).map((s) => [s.sourceId, s]));

describe('createStateView', () => {
  it('holds what a full read would after each write, batched or filed with stories', async () => {
    await store.fileStates([state('a'), state('b')]);
    let now = 0;
    const read = createStateView(store, () => now);
    expect(await read()).toEqual(await asRead());
    await store.fileStates([state('b', 2), state('c')]);
    expect(await read()).toEqual(await asRead());
    await store.fileSource({ state: state('a', 9), entries: [], window });
    expect(await read()).toEqual(await asRead());
    expect(await read()).toEqual(await asRead());

    await store.forgetSources(['a']);
    expect([...(await read()).keys()].sort()).toEqual(['a', 'b', 'c']);
    now += 60 * 60_000;
    expect(await read()).toEqual(new Map([['a', state('a', 9)]]));
  });
});
