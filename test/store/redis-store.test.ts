import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/domain/index.ts';
import { RedisStore, openStore } from '../../src/store/index.ts';
import { describeStoreContract } from './contract.ts';
import { makeStory } from './make-story.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const FILE_PREFIX = `wirefeed-test:${randomUUID()}:`;
const admin = new Redis(REDIS_URL);

async function deleteKeys(prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length) deleted += await admin.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

afterAll(async () => {
  await deleteKeys(FILE_PREFIX);
  await admin.quit();
});

describeStoreContract('RedisStore', async () => {
  const prefix = `${FILE_PREFIX}${randomUUID()}:`;
  const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await deleteKeys(prefix);
    },
  };
});

describe('RedisStore on Redis', () => {
  it('writes only keys under its prefix, and prune leaves none of a story behind', async () => {
    const prefix = `${FILE_PREFIX}keys:`;
    const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix });
    await store.saveStory(makeStory({ id: 'a', firstSeen: '2026-01-01T00:00:00.000Z' }), ['url:a']);
    await store.addCopy('a', { itemId: 'b', sourceId: 'ap', link: 'https://ap/b', published: '2026-01-01T00:00:00Z' }, ['url:b']);
    const keys = (await admin.keys(`${prefix}*`)).map((key) => key.slice(prefix.length)).sort();
    expect(keys).toEqual([
      'copies:a',
      'country:CH',
      'first-seen',
      'identity:url:a',
      'identity:url:b',
      'region:europe',
      'region:world',
      'story-identities:a',
      'story:a',
    ]);
    await store.prune(new Date('2026-02-01T00:00:00.000Z'));
    expect(await admin.keys(`${prefix}*`)).toEqual([]);
    await store.close();
  });

  it('wraps a failing command in a StoreError that keeps the cause', async () => {
    const prefix = `${FILE_PREFIX}wrong-type:`;
    const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix });
    await admin.set(`${prefix}first-seen`, 'not a sorted set');
    const error = await store.stats().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/^store: count stories failed: WRONGTYPE/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    await store.close();
  });

  it('opens a RedisStore for a URL and connects eagerly', async () => {
    const store = await openStore({ redisUrl: REDIS_URL, dataDir: 'unused', prefix: `${FILE_PREFIX}open:` });
    expect(store).toBeInstanceOf(RedisStore);
    expect(await store.stats()).toEqual({ stories: 0 });
    await store.close();
  });

  it('fails to open with a StoreError when Redis is unreachable', async () => {
    const opening = openStore({ redisUrl: 'redis://:secret@127.0.0.1:1', dataDir: 'unused', connectAttempts: 2 });
    await expect(opening).rejects.toThrow(StoreError);
    await expect(opening).rejects.toThrow(/^store: cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 after 2 attempts: .*ECONNREFUSED/);
  });

  it('gives a StoreError from every call when its Redis stops answering', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    const store = new RedisStore({ redis });
    await expect(store.getStory('a')).rejects.toThrow(/^store: read story a failed: /);
    await expect(store.saveStory(makeStory({ id: 'a' }), ['url:a'])).rejects.toThrow(StoreError);
    await expect(store.listRegion('world', { limit: 1 })).rejects.toThrow(StoreError);
    await store.close();
  });
});
