// Three `wirefeed worker` processes on one Redis share 300 farm feeds through the BullMQ queue: each
// cycle fetches every feed exactly once, the three copies of each of 100 near-copy stories (filed by
// whichever workers get them, at once) become one story, and a worker killed mid-cycle has its
// sources taken over by the others once its jobs' locks expire.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { startFeedFarm, writeFarmConfig, type FeedFarm } from '../support/feed-farm.ts';
import { finished, startCli, type CliResult } from '../support/run-cli.ts';
import { allStories, copyFaults, failedStates, farmItemIds, feedOf, holdersOf, repeated } from './farm-checks.ts';
import { createStoreEnv, type StoreEnv } from './store-env.ts';

const FEEDS = 300;
const NEAR_COPIES = 100;
const COPIES = 3;
const WORKERS = 3;

let dir: string;
beforeAll(async () => (dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-queue-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Workers {
  children: ChildProcess[];
  results: Promise<CliResult>[];
  stop(): Promise<CliResult[]>;
}

function startWorkers(config: string, env: NodeJS.ProcessEnv): Workers {
  const children = Array.from({ length: WORKERS }, () => startCli(['worker', '--config', config], { ...env, LOG_LEVEL: 'info' }));
  const results = children.map(finished);
  return {
    children,
    results,
    stop: () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return Promise.all(results);
    },
  };
}

async function until(what: string, done: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const requests = (farm: FeedFarm) => [...farm.stats().values()].map((stats) => stats.requests);
const fetchedSince = async (store: Store, since: number) =>
  (await store.listSourceStates()).filter((state) => state.lastFetchedAt && Date.parse(state.lastFetchedAt) >= since).length;

// Every source due again at once, as the start of a new cycle: polled long ago, no next time set.
async function makeAllDue(store: Store): Promise<void> {
  const longAgo = new Date(Date.now() - 86_400_000).toISOString();
  for (const state of await store.listSourceStates()) {
    await store.fileSource({ state: { ...state, lastFetchedAt: longAgo, nextPollAt: undefined }, entries: [], window: { now: new Date(), hours: 72 } });
  }
}

// Each wire story once, copies included: every item served is held, a near copy's three items by one story.
async function expectFiledOnce(store: Store, farm: FeedFarm, config: string): Promise<void> {
  const stories = await allStories(store);
  expect(repeated(stories.map((story) => story.id))).toEqual([]);
  expect(copyFaults(stories)).toEqual([]);
  const itemIds = await farmItemIds(farm, config);
  const holders = await holdersOf(store, [...itemIds.values()].flat());
  const byNear = new Map<number, string[]>();
  for (const [sourceId, ids] of itemIds) {
    ids.forEach((itemId, position) => {
      const near = farm.nearCopyAt(feedOf(sourceId), position);
      expect(holders.has(itemId), itemId).toBe(true);
      if (near === undefined) expect(holders.get(itemId)).toBe(itemId);
      else byNear.set(near, [...(byNear.get(near) ?? []), holders.get(itemId) as string]);
    });
  }
  expect(byNear.size).toBe(NEAR_COPIES);
  for (const held of byNear.values()) expect(new Set(held).size).toBe(1);
  expect(stories.reduce((sum, story) => sum + story.copies.length, 0)).toBe(NEAR_COPIES * (COPIES - 1));
}

describe('three workers on one Redis queue', () => {
  let farm: FeedFarm;
  let storeEnv: StoreEnv;
  let store: Store;
  beforeAll(async () => {
    farm = await startFeedFarm({ feeds: FEEDS, nearCopies: NEAR_COPIES, copiesPerStory: COPIES });
    storeEnv = await createStoreEnv('redis');
    store = await storeEnv.open();
  });
  afterAll(async () => {
    await store?.close();
    await storeEnv?.cleanup();
    await farm?.close();
  });

  it('fetch every source exactly once per cycle and file every story once', { timeout: 240_000 }, async () => {
    const config = await writeFarmConfig(path.join(dir, 'farm.yaml'), farm);
    const workers = startWorkers(config, storeEnv.env);
    try {
      await until('the first cycle', async () => (await store.listSourceStates()).length === FEEDS, 180_000);
      // A second look after the last state: a source polled twice would show up here.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(requests(farm)).toEqual(Array(FEEDS).fill(1));
      expect(failedStates(await store.listSourceStates())).toEqual([]);
      await expectFiledOnce(store, farm, config);

      const changed = farm.advance();
      farm.resetStats();
      const second = Date.now();
      await makeAllDue(store);
      await until('the second cycle', async () => (await fetchedSince(store, second)) === FEEDS, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(requests(farm)).toEqual(Array(FEEDS).fill(1));
      expect([...farm.stats().values()].reduce((sum, stats) => sum + stats.full, 0)).toBe(changed.length);
      await expectFiledOnce(store, farm, config);
    } finally {
      const results = await workers.stop();
      for (const result of results) expect(result.code, result.stderr.slice(-2000)).toBe(0);
      // Every worker took part: each polled some sources.
      for (const result of results) expect(result.stderr).toMatch(/"msg":"source polled"/);
    }
  });
});

describe('a worker killed mid-cycle', () => {
  it('has its sources fetched by the others once its locks expire', { timeout: 240_000 }, async () => {
    // Answers after 150 ms, so a cycle lasts long enough for the kill to land in it.
    const farm = await startFeedFarm({ feeds: FEEDS, delayMs: 150 });
    const storeEnv = await createStoreEnv('redis');
    const store = await storeEnv.open();
    const config = await writeFarmConfig(path.join(dir, 'slow-farm.yaml'), farm);
    const workers = startWorkers(config, { ...storeEnv.env, WIREFEED_QUEUE_LOCK_MS: '5000' });
    try {
      let polledByVictim = 0;
      workers.children[0]?.stderr?.on('data', (chunk: Buffer) => (polledByVictim += chunk.toString().split('"msg":"source polled"').length - 1));
      await until('the victim polling', () => polledByVictim > 0 && requests(farm).length >= 60, 180_000);
      workers.children[0]?.kill('SIGKILL');
      // A killed worker's jobs keep their ids (no ticker can add them again) until the stalled check
      // hands them to another worker: every source filed means they were taken over.
      await until('every source filed', async () => (await store.listSourceStates()).length === FEEDS, 60_000);
      expect(requests(farm)).toHaveLength(FEEDS);
      // A source whose fetch the kill cut short (one per job the victim held, at most its
      // fetch.concurrency) is fetched again; no other is.
      expect(requests(farm).filter((count) => count > 1).length).toBeLessThanOrEqual(16);
      expect(requests(farm).every((count) => count <= 2)).toBe(true);
      expect(failedStates(await store.listSourceStates())).toEqual([]);
    } finally {
      const results = await workers.stop();
      expect((await results[0])?.code).toBe(null);
      await store.close();
      await storeEnv.cleanup();
      await farm.close();
    }
  });
});
