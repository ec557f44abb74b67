import { randomUUID } from 'node:crypto';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore, connectRedis } from '../../src/store/index.ts';
import { haveRedisServer, startRedisCluster, type RedisCluster } from '../support/redis-servers.ts';
import { describeStoreContract } from './contract.ts';
import { copyEntry, fileAll, filing, newEntry } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

// A cluster of our own: three masters on loopback ports, slots spread over them, so a store whose
// keys did not share one slot, or a script given a key it does not declare, fails here.
let cluster: RedisCluster;
let admin: Cluster;
const seeds = () => cluster.nodes.map((node) => `${node.host}:${node.port}`);

async function keysOf(prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const node of admin.nodes('master')) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', RedisStore.keyPattern(prefix), 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  return found;
}

const suite = haveRedisServer() ? describe : describe.skip;
const name = haveRedisServer() ? 'RedisStore on a Redis Cluster of 3 masters' : 'RedisStore on a Redis Cluster (skipped: redis-server is not on PATH)';

suite(name, () => {
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    admin = new Cluster(cluster.nodes);
    await new Promise((resolve) => admin.once('ready', resolve));
  }, 60_000);

  afterAll(async () => {
    admin?.disconnect();
    await cluster?.stop();
  });

  describeStoreContract('RedisStore on Cluster', async () => {
    const prefix = `wirefeed-test:${randomUUID()}:`;
    const redis = await connectRedis(`redis://${seeds().join(',')}`, 3);
    const store = new RedisStore({ redis, prefix });
    return {
      store,
      cleanup: async () => {
        await store.close();
        for (const key of await keysOf(prefix)) await admin.unlink(key);
      },
    };
  });

  it('connects to the cluster from a list of URLs and keeps a store in one slot', async () => {
    const prefix = `wirefeed-test:${randomUUID()}:`;
    const redis = await connectRedis(
      seeds()
        .map((seed) => `redis://${seed}`)
        .join(','),
      3,
    );
    expect(redis).toBeInstanceOf(Cluster);
    const store = new RedisStore({ redis, prefix });
    const story = makeStory({ id: 'a', countries: ['CH', 'FR'], firstSeen: '2026-01-01T00:00:00.000Z' });
    await fileAll(store, filing([newEntry(story, { identityKeys: ['url:a'], bandKeys: ['k1', 'k2'] }), copyEntry('a', makeCopy('b', 'ap'), ['url:b'])]));
    const keys = await keysOf(prefix);
    expect(keys.length).toBeGreaterThan(10);
    const slots = new Set(await Promise.all(keys.map((key) => admin.cluster('KEYSLOT', key))));
    expect(slots.size).toBe(1);
    expect((await store.stats()).bytes).toBeGreaterThan(0);
    expect(await store.prune(new Date('2026-02-01T00:00:00.000Z'))).toBe(1);
    await store.close();
    for (const key of await keysOf(prefix)) await admin.unlink(key);
  });
});
