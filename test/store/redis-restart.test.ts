import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/domain/index.ts';
import { RedisStore } from '../../src/store/index.ts';
import { haveRedisServer, startRedisServer, type RedisServer } from '../support/redis-servers.ts';
import { fileAll, filing, newEntry } from './filings.ts';
import { makeStory } from './make-story.ts';

// A server of our own, so that it can lose its scripts or go away without touching anyone else's.
let server: RedisServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const suite = haveRedisServer() ? describe : describe.skip;
const name = haveRedisServer()
  ? 'RedisStore when its server forgets or restarts'
  : 'RedisStore when its server restarts (skipped: redis-server is not on PATH)';

suite(name, () => {
  it('loads its scripts again after SCRIPT FLUSH', async () => {
    server = await startRedisServer();
    const store = new RedisStore({ redis: new Redis(server.url), prefix: `wirefeed-test:${randomUUID()}:` });
    await fileAll(store, filing([newEntry(makeStory({ id: 'a' }))]));
    const admin = new Redis(server.url);
    await admin.script('FLUSH');
    await fileAll(store, filing([newEntry(makeStory({ id: 'b' }))]));
    expect((await store.listStories({ limit: 10 })).stories.map((story) => story.id)).toEqual(['b', 'a']);
    admin.disconnect();
    await store.close();
  });

  it('fails with a StoreError while the server is down and works again once it is back', async () => {
    server = await startRedisServer();
    const { port } = server;
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    redis.on('error', () => undefined);
    const store = new RedisStore({ redis, prefix: `wirefeed-test:${randomUUID()}:` });
    await fileAll(store, filing([newEntry(makeStory({ id: 'a' }))]));
    await server.stop();
    await expect(store.fileSource(filing([newEntry(makeStory({ id: 'b' }))]))).rejects.toThrow(StoreError);
    await expect(store.getStory('a')).rejects.toThrow(/^store: read story a failed: /);
    server = await startRedisServer([], port);
    await new Promise((resolve) => (redis.status === 'ready' ? resolve(undefined) : redis.once('ready', resolve)));
    // Without persistence the restarted server is empty: the store files into it from scratch.
    await fileAll(store, filing([newEntry(makeStory({ id: 'b' }))]));
    expect((await store.stats()).stories).toBe(1);
    await store.close();
  });
});
