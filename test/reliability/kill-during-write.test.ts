// `wirefeed fetch-once` killed with SIGKILL at random moments while it files a farm, then run again
// to the end, on Redis and on the embedded SQLite store. After every kill the store must be
// consistent: no source state names a feed version whose items are not all stored, nothing stored
// before is gone, nothing is stored twice. The finished store must hold every wire story once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../../src/domain/index.ts';
import type { Store } from '../../src/store/index.ts';
import { startFeedFarm, writeFarmConfig, type FeedFarm } from '../support/feed-farm.ts';
import { finished, startCli } from '../support/run-cli.ts';
import { allStories, copyFaults, failedStates, farmItemIds, fetchOnce, repeated, statesAheadOfStories } from './farm-checks.ts';
import { createStoreEnv, type StoreEnv, type StoreKind } from './store-env.ts';

const FEEDS = 150;
const NEAR_COPIES = 30;
const COPIES = 3;
const KILLS = 4;

let farm: FeedFarm;
let dir: string;
let config: string;
let itemIds: Map<string, string[]>;

beforeAll(async () => {
  farm = await startFeedFarm({ feeds: FEEDS, nearCopies: NEAR_COPIES, copiesPerStory: COPIES });
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-kill-'));
  config = await writeFarmConfig(path.join(dir, 'farm.yaml'), farm);
  itemIds = await farmItemIds(farm, config);
});

afterAll(async () => {
  await farm?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every id a story or a copy is stored under, stories first. */
const storedIds = (stories: Story[]) => [...stories.map((story) => story.id), ...stories.flatMap((story) => story.copies.map((copy) => copy.itemId))];

/** The ids of `before` that `after` lacks. */
const missing = (before: string[], after: string[]) => {
  const present = new Set(after);
  return before.filter((id) => !present.has(id));
};

async function withStore<T>(storeEnv: StoreEnv, read: (store: Store) => Promise<T>): Promise<T> {
  const store = await storeEnv.open();
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

// Starts a run and kills it `delayMs` after its first request to the farm (start-up takes longer than that).
async function killedRun(storeEnv: StoreEnv, delayMs: number): Promise<void> {
  const child = startCli(['fetch-once', '--config', config], storeEnv.env);
  const exit = finished(child);
  await Promise.race([farm.nextRequest(), exit]);
  await sleep(delayMs);
  child.kill('SIGKILL');
  await exit;
}

describe.each<StoreKind>(['redis', 'sqlite'])('fetch-once killed during writes on %s', (kind) => {
  it('never leaves a state ahead of its stories, loses nothing committed, stores nothing twice', { timeout: 120_000 }, async () => {
    const storeEnv = await createStoreEnv(kind);
    const delays = Array.from({ length: KILLS }, () => 50 + Math.round(Math.random() * 1450));
    const context = `killed after ${delays.join(', ')} ms`;
    try {
      let committed: string[] = [];
      for (const delay of delays) {
        await killedRun(storeEnv, delay);
        const { stories, ahead } = await withStore(storeEnv, async (store) => ({
          stories: await allStories(store),
          ahead: await statesAheadOfStories(store, farm, itemIds),
        }));
        const ids = storedIds(stories);
        expect(ahead, `${context}: states ahead of their stories after the ${delay} ms kill`).toEqual([]);
        expect(missing(committed, ids), `${context}: lost after the ${delay} ms kill`).toEqual([]);
        expect(repeated(ids), `${context}: stored twice after the ${delay} ms kill`).toEqual([]);
        committed = ids;
      }

      const last = await fetchOnce(config, storeEnv.env);
      expect(last.code, last.stderr).toBe(0);
      expect(last.stdout).toMatch(new RegExp(`^${FEEDS} sources, 0 failed$`, 'm'));

      await withStore(storeEnv, async (store) => {
        const stories = await allStories(store);
        const ids = storedIds(stories);
        expect(missing(committed, ids), context).toEqual([]);
        expect(repeated(ids), context).toEqual([]);
        expect(stories, context).toHaveLength(FEEDS * 20 - NEAR_COPIES * (COPIES - 1));
        expect(ids, context).toHaveLength(FEEDS * 20);
        expect(copyFaults(stories), context).toEqual([]);
        expect(await statesAheadOfStories(store, farm, itemIds), context).toEqual([]);
        const states = await store.listSourceStates();
        expect(
          states.filter((state) => !state.etag).map((state) => state.sourceId),
          context,
        ).toEqual([]);
        expect(failedStates(states), context).toEqual([]);
      });

      // The farm has not moved: every source's saved validators get a 304, and nothing is new.
      farm.resetStats();
      const again = await fetchOnce(config, storeEnv.env);
      expect(again.code, again.stderr).toBe(0);
      expect(
        [...again.statuses.values()].filter((status) => status !== 'not-modified'),
        context,
      ).toEqual([]);
      expect(
        [...farm.stats().values()].reduce((sum, stats) => sum + stats.full, 0),
        context,
      ).toBe(0);
    } finally {
      await storeEnv.cleanup();
    }
  });
});
