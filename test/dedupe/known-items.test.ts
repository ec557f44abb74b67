import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { storedItemIds } from '../../src/dedupe/index.ts';
import { fileFeed } from '../../src/worker/index.ts';
import type { Item, Story } from '../../src/domain/index.ts';
import { RedisStore, SqliteStore, type Store } from '../../src/store/index.ts';
import { sanitizeItem } from '../../src/normalize/index.ts';

const NOW = new Date('2026-02-09T12:00:00Z');
const OPTIONS = { windowHours: 72, now: NOW };
const LEAD = 'Harbor Mills Corp said it agreed to buy the flour milling unit of Pell Grain Co for 42 mln dlrs in cash, adding four plants.';

function item(id: string, sourceId: string, url: string): Item {
  return {
    id,
    sourceId,
    link: url,
    url,
    title: 'Harbor Mills to buy Pell Grain flour unit',
    summary: '',
    text: LEAD,
    published: NOW.toISOString(),
    categories: [],
    enclosures: [],
  };
}

const STATE = { sourceId: 'test', consecutiveFailures: 0, itemsSeen: 0 };
const fileItems = (items: Item[], store: Store, options: typeof OPTIONS, toStory: (i: Item) => Story) => fileFeed(items, STATE, { store, ...options, toStory });
const toStory = (i: Item): Story => ({ id: i.id, item: sanitizeItem(i), copies: [], firstSeen: NOW.toISOString(), countries: [], regions: [], evidence: [] });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `wirefeed-test:${randomUUID()}:`;

afterAll(async () => {
  const keys = await redis.keys(`*${prefix.slice(0, -1)}*`);
  if (keys.length) await redis.unlink(...keys);
  await redis.quit();
});

describe.each([
  ['SQLite', () => SqliteStore.inMemory()],
  ['Redis', () => new RedisStore({ redis: redis.duplicate(), prefix })],
])('storedItemIds on the %s store', (_name, open: () => Store) => {
  it('names the items held as stories or as copies, and no other', async () => {
    const store = open();
    await fileItems([item('w1', 'wire', 'https://wire.example/1'), item('o1', 'outlet', 'https://outlet.example/1')], store, OPTIONS, toStory);
    expect(await storedItemIds(['o1', 'x9', 'w1'], store)).toEqual(new Set(['o1', 'w1']));
    expect(await storedItemIds([], store)).toEqual(new Set());
    await store.close();
  });
});
