import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { QueryError, StoreError } from '../../src/domain/index.ts';
import { RedisStore, connectRedis, openStore } from '../../src/store/index.ts';
import { describeStoreContract } from './contract.ts';
import { NOW, copyEntry, fileAll, filing, newEntry } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = `wirefeed-test:${randomUUID()}`;
const admin = new Redis(REDIS_URL);
const prefixes: string[] = [];

/** A prefix of this file's own, whose keys are deleted after the file's tests. */
function newPrefix(): string {
  const prefix = `${RUN}:${randomUUID().slice(0, 8)}:`;
  prefixes.push(prefix);
  return prefix;
}

async function keysOf(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', RedisStore.keyPattern(prefix), 'COUNT', 1000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

async function deleteKeys(prefix: string): Promise<void> {
  const keys = await keysOf(prefix);
  if (keys.length > 0) await admin.unlink(...keys);
}

afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(prefix);
  await admin.quit();
});

describeStoreContract('RedisStore', async () => {
  const prefix = newPrefix();
  const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix });
  return { store, cleanup: async () => (await store.close(), await deleteKeys(prefix)) };
});

describe('RedisStore on Redis', () => {
  it('writes every key under one hash tag, as listpacks, and prune leaves none of a story behind', async () => {
    const prefix = newPrefix();
    const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix });
    const old = makeStory({ id: 'a', firstSeen: '2026-01-01T00:00:00.000Z', countries: ['CH', 'FR'] });
    await fileAll(store, filing([newEntry(old, { identityKeys: ['url:a', 'guid:a'] }), copyEntry('a', makeCopy('b', 'ap'), ['url:b'])]));
    const keys = await keysOf(prefix);
    const tag = `{${prefix.slice(0, -1)}}:`;
    expect(keys.every((key) => key.startsWith(tag))).toBe(true);
    const families = new Set(keys.map((key) => key.slice(tag.length).replace(/:\d+$/, ':#')));
    expect([...families].sort()).toEqual(
      [
        'ids:#',
        'layout',
        'o:tass',
        'seen',
        'seen:#',
        'source-change-count',
        'source-changes',
        'sources',
        'stories',
        'versions',
        'x:a:#',
        'x:c:CH:#',
        'x:c:FR:#',
        'x:r:europe:#',
        'x:r:world:#',
        'x:s:ap:#',
        'x:s:tass:#',
      ]
        .concat(['xd:a', 'xd:c:CH', 'xd:c:FR', 'xd:r:europe', 'xd:r:world', 'xd:s:ap', 'xd:s:tass'])
        .sort(),
    );
    for (const key of keys.filter((k) => /:(ids|x):/.test(k))) expect(await admin.object('ENCODING', key)).toBe('listpack');
    // url:a, guid:a, and the copy's item:b and url:b; item:a is held through a's record, not claimed.
    const claims = await Promise.all(keys.filter((k) => /:ids:/.test(k)).map((k) => admin.hlen(k)));
    expect(claims.reduce((a, b) => a + b, 0)).toBe(4);
    expect(await store.findHolders(['item:a', 'item:b', 'url:b'])).toEqual(
      new Map([
        ['item:a', 'a'],
        ['item:b', 'a'],
        ['url:b', 'a'],
      ]),
    );
    expect(await store.prune(new Date('2026-02-01T00:00:00.000Z'))).toBe(1);
    // What a story leaves is gone; the store's own keys (layout, feed versions, source states) stay.
    expect((await keysOf(prefix)).map((key) => key.slice(tag.length)).sort()).toEqual([
      'layout',
      'source-change-count',
      'source-changes',
      'sources',
      'versions',
    ]);
    await store.close();
  });

  it("pruneSources, like prune, leaves none of a removed story behind, its source's started set included", async () => {
    const prefix = newPrefix();
    const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix });
    const tag = `{${prefix.slice(0, -1)}}:`;
    const story = makeStory({ id: 'a', countries: ['CH', 'FR'] });
    await fileAll(store, filing([newEntry(story, { identityKeys: ['url:a', 'guid:a'], bandKeys: ['k1'] }), copyEntry('a', makeCopy('b', 'ap'), ['url:b'])]));
    const fingerprints = (await keysOf(prefix)).filter((key) => /:(b|fs):/.test(key));
    expect(await store.pruneSources([{ sourceId: 'tass', since: new Date(0), keep: 0 }])).toBe(1);
    // Fingerprint groups are shared by a window's stories and expire with it; this story's entries are dead.
    expect(
      (await keysOf(prefix))
        .filter((key) => !fingerprints.includes(key))
        .map((key) => key.slice(tag.length))
        .sort(),
    ).toEqual(['layout', 'source-change-count', 'source-changes', 'sources', 'versions']);
    expect(await store.findCandidates(['k1'], { now: NOW, hours: 72 })).toEqual([]);
    await store.close();
  });

  it('gives fingerprint groups an expiry and keeps them listpacks', async () => {
    const prefix = newPrefix();
    const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix });
    const signature = Uint8Array.from({ length: 64 }, (_, i) => i);
    await fileAll(store, filing([newEntry(makeStory({ id: 'a' }), { bandKeys: ['k1', 'k2'], signature })]));
    const groups = (await keysOf(prefix)).filter((key) => /:(b|fs):/.test(key));
    expect(groups).toHaveLength(3);
    for (const key of groups) {
      expect(await admin.pttl(key)).toBeGreaterThan(72 * 3_600_000);
      expect(await admin.object('ENCODING', key)).toBe('listpack');
    }
    expect(await store.findCandidates(['k2'], { now: NOW, hours: 72 })).toEqual([{ storyId: 'a', signature, bandKeys: ['k2'] }]);
    await store.close();
  });

  it('keeps a band key with its live holder from the last epoch, so a later story filed against it is no conflict', async () => {
    const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix: newPrefix() });
    const length = 72 * 3_600_000;
    const boundary = (Math.floor(NOW.getTime() / length) + 1) * length;
    const [before, after] = [new Date(boundary - 3_600_000), new Date(boundary + 3_600_000)];
    await fileAll(store, filing([newEntry(makeStory({ id: 'x' }), { bandKeys: ['k1'] })], { now: before }));
    await fileAll(store, filing([newEntry(makeStory({ id: 'y' }), { bandKeys: ['k1', 'k2'], bandHolders: ['x', null] })], { now: after }));
    const window = { now: after, hours: 72 };
    expect(await store.findCandidates(['k1'], window)).toEqual([{ storyId: 'x', signature: Uint8Array.of(1, 2, 3), bandKeys: ['k1'] }]);
    await fileAll(store, filing([newEntry(makeStory({ id: 'z' }), { bandKeys: ['k1'], bandHolders: ['x'] })], { now: after }));
    await store.close();
  });

  it('refuses a since that is no date with a QueryError', async () => {
    const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix: newPrefix() });
    await expect(store.listStories({ since: new Date('yesterday'), limit: 1 })).rejects.toThrow(QueryError);
    await store.close();
  });

  it('refuses a prefix that cannot be a hash tag', () => {
    for (const prefix of ['', ':', 'a{b', 'x}:']) {
      expect(() => new RedisStore({ redis: admin, prefix })).toThrow(/^store: prefix must be non-empty/);
    }
  });

  it('wraps a failing command in a StoreError that keeps the cause', async () => {
    const prefix = newPrefix();
    const store = new RedisStore({ redis: new Redis(REDIS_URL), prefix });
    await admin.set(`{${prefix.slice(0, -1)}}:stories`, 'not a hash');
    const error = await store.stats().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/^store: count stories failed: .*WRONGTYPE/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    await expect(store.fileSource(filing([newEntry(makeStory({ id: 'a' }))]))).rejects.toThrow(/^store: file source tass failed: .*WRONGTYPE/);
    await store.close();
  });

  it('opens a RedisStore for a URL, connects eagerly and reports used memory', async () => {
    const store = await openStore({ redisUrl: REDIS_URL, dataDir: 'unused', prefix: newPrefix() });
    expect(store).toBeInstanceOf(RedisStore);
    expect(await store.stats()).toEqual({ stories: 0, bytes: expect.any(Number) });
    await store.close();
  });

  it('marks the layout at its first filing and refuses, at open and at filing, a store of another layout', async () => {
    const prefix = newPrefix();
    const tag = `{${prefix.slice(0, -1)}}`;
    const store = await openStore({ redisUrl: REDIS_URL, dataDir: 'unused', prefix });
    await fileAll(store, filing([newEntry(makeStory({ id: 'a' }))]));
    expect(await admin.get(`${tag}:layout`)).toBe('3');
    await store.close();
    // A store of layout 2 has stories and no mark; a later layout has its own mark.
    for (const [mark, was] of [
      [null, 'an earlier layout \\(2 or before, unmarked\\)'],
      ['4', 'layout 4'],
    ] as const) {
      if (mark === null) await admin.del(`${tag}:layout`);
      else await admin.set(`${tag}:layout`, mark);
      const message = new RegExp(`^store: the Redis store \\${tag.slice(0, -1)}\\} was written in ${was}; this wirefeed reads and writes layout 3 only`);
      await expect(openStore({ redisUrl: REDIS_URL, dataDir: 'unused', prefix })).rejects.toThrow(message);
      const unchecked = new RedisStore({ redis: new Redis(REDIS_URL), prefix });
      await expect(unchecked.fileSource(filing([newEntry(makeStory({ id: 'b' }))]))).rejects.toThrow(message);
      expect(await unchecked.getStory('b')).toBeUndefined();
      await unchecked.close();
    }
  });

  it('fails to open with a StoreError when Redis is unreachable, the password masked', async () => {
    const opening = openStore({ redisUrl: 'redis://:secret@127.0.0.1:1', dataDir: 'unused', connectAttempts: 2 });
    await expect(opening).rejects.toThrow(StoreError);
    await expect(opening).rejects.toThrow(/^store: cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 after 2 attempts: .*ECONNREFUSED/);
  });

  it('fails to open a Redis Cluster it cannot reach, or one given a database, with the passwords masked', async () => {
    const unreachable = connectRedis('redis://:secret@127.0.0.1:1,127.0.0.1:2', 2);
    await expect(unreachable).rejects.toThrow(/^store: cannot connect to Redis Cluster at redis:\/\/:\*\*\*@127\.0\.0\.1:1,127\.0\.0\.1:2 after 2 attempts: /);
    await expect(connectRedis('redis://:secret@h1:6379/2,h2:6379', 1)).rejects.toThrow(
      /^store: a Redis Cluster has only database 0, but redis:\/\/:\*\*\*@h1:6379\/2,h2:6379 names 2$/,
    );
    await expect(connectRedis('redis://127.0.0.1:1', 1, { cluster: true })).rejects.toThrow(/^store: cannot connect to Redis Cluster at /);
  });

  it('gives a StoreError from every call when its Redis stops answering', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    const store = new RedisStore({ redis });
    await expect(store.getStory('a')).rejects.toThrow(/^store: read story a failed: /);
    await expect(store.fileSource(filing([newEntry(makeStory({ id: 'a' }))]))).rejects.toThrow(StoreError);
    await expect(store.listStories({ region: 'world', limit: 1 })).rejects.toThrow(/^store: list stories failed: /);
    await store.close();
  });
});
