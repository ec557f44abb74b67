// The whole service on a Redis Cluster of our own (3 masters with AOF on loopback ports): two
// `wirefeed worker` processes and one `wirefeed serve`, REDIS_URL naming every node. A cycle is filed
// once; the master holding the store's slot is restarted in the middle of a second cycle; then
// every item the farm serves is held by one story, no story is stored twice, and serve answers.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from 'ioredis';
import { connectRedis, hashTag, RedisStore, type Store } from '../../src/store/index.ts';
import { startFeedFarm, writeFarmConfig, type FeedFarm } from '../support/feed-farm.ts';
import { finished, startCli, type CliResult } from '../support/run-cli.ts';
import { freePort, startRedisCluster, type RedisCluster } from '../support/redis-servers.ts';
import { allStories, failedStates, farmItemIds, holdersOf, repeated } from './farm-checks.ts';

const FEEDS = 60;
const PREFIX = 'wirefeed-cluster-e2e:';

let dir: string;
let farm: FeedFarm;
let cluster: RedisCluster;
let redis: Cluster;
let store: Store;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-cluster-e2e-'));
  farm = await startFeedFarm({ feeds: FEEDS, delayMs: 40 });
  cluster = await startRedisCluster(3, ['--appendonly', 'yes', '--appendfsync', 'always']);
  redis = (await connectRedis(url(), 3)) as Cluster;
  store = new RedisStore({ redis, prefix: PREFIX });
}, 60_000);
afterAll(async () => {
  await store?.close();
  await cluster?.stop();
  await farm?.close();
  await rm(dir, { recursive: true, force: true });
});

const url = () => `redis://${cluster.nodes.map((node) => `${node.host}:${node.port}`).join(',')}`;

async function until(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// The master serving the slot every key of the store hashes to.
async function storeMaster(): Promise<number> {
  const slot = Number(await redis.cluster('KEYSLOT', `${hashTag(PREFIX)}:sources`));
  const ranges = await redis.cluster('SLOTS');
  const port = ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1];
  return cluster.nodes.findIndex((node) => node.port === port);
}

// Every item the feeds serve now held by its own story, no story twice, `count` stories in all.
async function expectFiledOnce(config: string, count: number): Promise<void> {
  const stories = await allStories(store);
  expect(repeated(stories.map((story) => story.id))).toEqual([]);
  const itemIds = [...(await farmItemIds(farm, config)).values()].flat();
  const holders = await holdersOf(store, itemIds);
  expect(itemIds.filter((id) => holders.get(id) !== id)).toEqual([]);
  expect(stories.length).toBe(count);
}

describe('the service on a Redis Cluster', () => {
  it('files every story once with two workers, through a master restart, and serve answers', { timeout: 240_000 }, async () => {
    const config = await writeFarmConfig(path.join(dir, 'farm.yaml'), farm, { perHost: 4 });
    const env = { REDIS_URL: url(), WIREFEED_REDIS_PREFIX: PREFIX, LOG_LEVEL: 'info' };
    const httpPort = await freePort();
    const children: ChildProcess[] = [
      startCli(['worker', '--config', config], env),
      startCli(['worker', '--config', config], env),
      startCli(['serve', '--config', config], { ...env, PORT: String(httpPort) }),
    ];
    const results: Promise<CliResult>[] = children.map(finished);
    const filedSince = async (since: number) =>
      (await store.listSourceStates()).filter((state) => state.lastSuccessAt && Date.parse(state.lastSuccessAt) >= since).length;
    try {
      await until('the first cycle', async () => (await filedSince(0)) === FEEDS, 120_000);
      await expectFiledOnce(config, FEEDS * 20);

      // A second cycle, every source due at once, with the store's master restarted while it runs.
      const changed = farm.advance();
      const second = Date.now();
      const states = await store.listSourceStates();
      await store.fileStates(states.map((state) => ({ ...state, nextPollAt: new Date(second).toISOString() })));
      await until('the second cycle under way', async () => (await filedSince(second)) >= 5, 60_000);
      await cluster.restart(await storeMaster());
      await until('the second cycle', async () => (await filedSince(second)) === FEEDS, 120_000);
      expect(failedStates(await store.listSourceStates())).toEqual([]);
      await expectFiledOnce(config, FEEDS * 20 + changed.length * 2);

      const feed = await fetch(`http://127.0.0.1:${httpPort}/feeds/world.rss`);
      expect(feed.status).toBe(200);
      expect((await feed.text()).match(/<item>/g)?.length).toBeGreaterThan(0);
      await until('serve ready', async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status === 200, 30_000);
    } finally {
      for (const child of children) child.kill('SIGTERM');
      const ended = await Promise.all(results);
      for (const result of ended) expect(result.code, result.stderr.slice(-2000)).toBe(0);
      for (const result of ended.slice(0, 2)) expect(result.stderr).toMatch(/"msg":"source polled"/);
    }
  });
});
