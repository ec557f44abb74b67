// `wirefeed start` (worker and HTTP server in one process) on a Redis of its own, with AOF, that is
// stopped in the middle of the first cycle and started again: the service stays up, /readyz turns
// 503 and back, a feed asked for meanwhile is served from the render cache or refused with a 503 and
// Retry-After, and once the cycle is done every item the farm serves is filed, once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/index.ts';
import { startFeedFarm, writeFarmConfig, type FeedFarm } from '../support/feed-farm.ts';
import { finished, startCli } from '../support/run-cli.ts';
import { freePort, startRedisServer, type RedisServer } from '../support/redis-servers.ts';
import { allStories, failedStates, farmItemIds, holdersOf, repeated } from './farm-checks.ts';

const FEEDS = 120;
const PREFIX = 'wirefeed-restart:';

let dir: string;
let farm: FeedFarm;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-redis-restart-'));
  // Slow enough answers that the cycle is still under way when Redis goes away.
  farm = await startFeedFarm({ feeds: FEEDS, delayMs: 60 });
});
afterAll(async () => {
  await farm?.close();
  await rm(dir, { recursive: true, force: true });
});

// A server keeping its append-only file in `dir`, so a restart on the same port finds what was written.
const redisWithAof = (port: number) => startRedisServer(['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'], port);

async function until(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a Redis restart in the middle of a cycle', () => {
  it('loses no story, stores none twice, and /readyz says what happened', { timeout: 180_000 }, async () => {
    const port = await freePort();
    let redis: RedisServer = await redisWithAof(port);
    const url = `redis://127.0.0.1:${port}`;
    const httpPort = await freePort();
    const config = await writeFarmConfig(path.join(dir, 'farm.yaml'), farm, { perHost: 4 });
    const service = startCli(['start', '--config', config], { REDIS_URL: url, WIREFEED_REDIS_PREFIX: PREFIX, PORT: String(httpPort), LOG_LEVEL: 'info' });
    const result = finished(service);
    const get = (route: string) => fetch(`http://127.0.0.1:${httpPort}${route}`);
    const states = async () => {
      const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
      client.on('error', () => undefined);
      const store = new RedisStore({ redis: client, prefix: PREFIX });
      try {
        return await store.listSourceStates();
      } finally {
        await store.close().catch(() => undefined);
      }
    };
    try {
      await until('a third of the sources filed', async () => (await states()).length >= FEEDS / 3, 90_000);
      await until('/readyz 200', async () => (await get('/readyz')).status === 200, 30_000);
      const cached = await get('/feeds/world.rss');
      expect(cached.status).toBe(200);

      await redis.stop();
      await until('/readyz 503', async () => (await get('/readyz')).status === 503, 30_000);
      const readiness = (await (await get('/readyz')).json()) as { ready: boolean; reasons: string[] };
      expect(readiness.ready).toBe(false);
      expect(readiness.reasons.join(' ')).toMatch(/store/);
      const during = await get('/api/stories');
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('10');
      expect([200, 503]).toContain((await get('/feeds/world.rss')).status);
      expect(service.exitCode).toBeNull();

      redis = await redisWithAof(port);
      await until('/readyz 200 again', async () => (await get('/readyz')).status === 200, 60_000);
      await until('every source filed', async () => (await states()).filter((state) => state.lastSuccessAt).length === FEEDS, 120_000);
      expect(failedStates(await states())).toEqual([]);

      const client = new Redis(url);
      const store = new RedisStore({ redis: client, prefix: PREFIX });
      const stories = await allStories(store);
      expect(repeated(stories.map((story) => story.id))).toEqual([]);
      const itemIds = [...(await farmItemIds(farm, config)).values()].flat();
      const holders = await holdersOf(store, itemIds);
      expect(itemIds.filter((id) => holders.get(id) !== id)).toEqual([]);
      expect(stories.length).toBe(itemIds.length);
      await store.close();
    } finally {
      service.kill('SIGTERM');
      const { code, stderr } = await result;
      await redis.stop();
      expect(code, stderr.slice(-2000)).toBe(0);
    }
  });
});
