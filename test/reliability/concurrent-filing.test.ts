// Three `wirefeed fetch-once` processes file the same 300 farm feeds at once, on Redis and on the
// embedded SQLite store. Each process polls the feeds in its own rotation, so the three copies of
// every near-copy story (the same wire story in three feeds, lightly edited) reach different
// processes at the same moment, and every item reaches all three. Afterwards each wire story must be
// one story, listed once, holding its copies and never itself.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { startFeedFarm, writeFarmConfig, type FeedFarm } from '../support/feed-farm.ts';
import { allStories, copyFaults, failedStates, farmItemIds, feedOf, fetchOnce, holdersOf, repeated } from './farm-checks.ts';
import { createStoreEnv, type StoreKind } from './store-env.ts';

const FEEDS = 300;
const NEAR_COPIES = 100;
const COPIES = 3;
const PROCESSES = 3;

let farm: FeedFarm;
let dir: string;
let configs: string[];

beforeAll(async () => {
  farm = await startFeedFarm({ feeds: FEEDS, nearCopies: NEAR_COPIES, copiesPerStory: COPIES });
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-concurrent-'));
  // Rotated by a third: when process 0 polls feed n, processes 1 and 2 poll feeds n+100 and n+200,
  // which carry the other copies of the same near-copy story.
  configs = await Promise.all(
    Array.from({ length: PROCESSES }, (_, p) => writeFarmConfig(path.join(dir, `farm-${p}.yaml`), farm, { rotate: (p * FEEDS) / PROCESSES })),
  );
});

afterAll(async () => {
  await farm?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.each<StoreKind>(['redis', 'sqlite'])('three fetch-once processes at once on %s', (kind) => {
  it('file every wire story once, copies included, and every poll succeeds', { timeout: 120_000 }, async () => {
    const storeEnv = await createStoreEnv(kind);
    let store: Store | undefined;
    try {
      farm.resetStats();
      const runs = await Promise.all(configs.map((config) => fetchOnce(config, storeEnv.env)));
      for (const run of runs) {
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toMatch(new RegExp(`^${FEEDS} sources, 0 failed$`, 'm'));
        expect(run.statuses.size).toBe(FEEDS);
        // Another process may have filed a feed first: then this one's conditional GET is answered 304.
        expect([...run.statuses.values()].filter((status) => status !== 'ok' && status !== 'not-modified')).toEqual([]);
      }
      const requests = [...farm.stats().values()].map((stats) => stats.requests);
      expect(requests).toEqual(Array(FEEDS).fill(PROCESSES));

      store = await storeEnv.open();
      const stories = await allStories(store);
      const itemIds = await farmItemIds(farm, configs[0] as string);
      const allItems = [...itemIds.values()].flat();
      expect(repeated(stories.map((story) => story.id))).toEqual([]);
      expect(stories).toHaveLength(allItems.length - NEAR_COPIES * (COPIES - 1));
      expect(copyFaults(stories)).toEqual([]);

      const holders = await holdersOf(store, allItems);
      expect(allItems.filter((id) => !holders.has(id))).toEqual([]);
      const nearItems = new Map<number, { itemId: string; sourceId: string }[]>();
      for (const [sourceId, ids] of itemIds) {
        ids.forEach((itemId, position) => {
          const near = farm.nearCopyAt(feedOf(sourceId), position);
          if (near === undefined) expect(holders.get(itemId)).toBe(itemId);
          else nearItems.set(near, [...(nearItems.get(near) ?? []), { itemId, sourceId }]);
        });
      }
      expect(nearItems.size).toBe(NEAR_COPIES);
      const byId = new Map(stories.map((story) => [story.id, story]));
      for (const copies of nearItems.values()) {
        const holder = holders.get(copies[0]?.itemId as string) as string;
        expect(copies.map(({ itemId }) => holders.get(itemId))).toEqual(Array(COPIES).fill(holder));
        const story = byId.get(holder);
        const expected = copies.filter(({ itemId }) => itemId !== holder).map(({ itemId, sourceId }) => ({ itemId, sourceId }));
        expect(story?.copies.map(({ itemId, sourceId }) => ({ itemId, sourceId })).sort(byItem)).toEqual(expected.sort(byItem));
      }
      expect(stories.reduce((sum, story) => sum + story.copies.length, 0)).toBe(NEAR_COPIES * (COPIES - 1));

      const states = await store.listSourceStates();
      expect(states).toHaveLength(FEEDS);
      expect(failedStates(states)).toEqual([]);
      expect(states.filter((state) => state.etag !== farm.etag(feedOf(state.sourceId))).map((state) => state.sourceId)).toEqual([]);
    } finally {
      await store?.close();
      await storeEnv.cleanup();
    }
  });
});

const byItem = (a: { itemId: string }, b: { itemId: string }) => a.itemId.localeCompare(b.itemId);
