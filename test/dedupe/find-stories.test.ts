import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { decideStories } from '../../src/dedupe/index.ts';
import { fileFeed, type FiledItem } from '../../src/worker/index.ts';
import { decodeSignature, encodeSignature } from '../../src/dedupe/signature-codec.ts';
import type { Item, Story } from '../../src/domain/index.ts';
import { RedisStore, SqliteStore, type Store } from '../../src/store/index.ts';
import { sanitizeItem } from '../../src/normalize/index.ts';

const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const OPTIONS = { windowHours: 72, now: NOW };
const LEAD =
  'Harbor Mills Corp said it agreed to buy the flour milling unit of Pell Grain Co for 42 mln dlrs in cash, ' +
  'adding four plants in Kansas and Nebraska to its network of eleven mills.';
const OTHER =
  'Coastal Freight Lines said its board approved a plan to sell six container ships to a Greek owner ' +
  'and lease them back for ten years, freeing cash for new port cranes in Oakland.';

function item(id: string, sourceId: string, body: string, url = `https://${sourceId}.example/${id}`): Item {
  // The headline is the story's own first words, whatever the outlet puts before them.
  const title = (body.includes(LEAD) ? LEAD : OTHER).split(' ').slice(0, 8).join(' ');
  return { id, sourceId, link: url, url, title, summary: '', text: body, published: NOW.toISOString(), categories: [], enclosures: [] };
}

const STATE = { sourceId: 'test', consecutiveFailures: 0, itemsSeen: 0 };
const fileItems = (items: Item[], store: Store, options: typeof OPTIONS, toStory: (i: Item) => Story) => fileFeed(items, STATE, { store, ...options, toStory });
const toStory = (i: Item): Story => ({ id: i.id, item: sanitizeItem(i), copies: [], firstSeen: NOW.toISOString(), countries: [], regions: [], evidence: [] });
const stream = (): Item[] => [
  item('w1', 'wire', LEAD),
  item('o1', 'outlet', `KANSAS CITY, April 7 (Reuters) - ${LEAD}`),
  item('w2', 'wire', OTHER),
  item('w1', 'wire', LEAD, 'https://wire.example/w1-moved'),
  item('o2', 'outlet', OTHER, 'https://wire.example/w2'),
  item('p1', 'paper', OTHER, 'https://wire.example/w2'),
];
// New story, copy of it in the same batch, new story, the first entry again under a moved URL,
// an outlet sharing the wire's URL (a copy), a third source on that URL (a copy too).
const EXPECTED: FiledItem[] = [
  { kind: 'new', storyId: 'w1' },
  { kind: 'copy', storyId: 'w1' },
  { kind: 'new', storyId: 'w2' },
  { kind: 'seen', storyId: 'w1' },
  { kind: 'copy', storyId: 'w2' },
  { kind: 'copy', storyId: 'w2' },
];

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `wirefeed-test:${randomUUID()}:`;
afterAll(async () => {
  const keys = await redis.keys(`*${prefix.slice(0, -1)}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const stores: [string, () => Store][] = [
  ['SQLite', () => SqliteStore.inMemory()],
  ['Redis', () => new RedisStore({ redis: redis.duplicate(), prefix: `${prefix}${randomUUID()}:` })],
];

describe.each(stores)('decideStories and fileFeed on the %s store', (_, open) => {
  it('files a whole stream as one batch exactly as item by item', async () => {
    const batch = open();
    const single = open();
    expect(await fileItems(stream(), batch, OPTIONS, toStory)).toEqual(EXPECTED);
    const one: FiledItem[] = [];
    for (const i of stream()) one.push(...(await fileItems([i], single, OPTIONS, toStory)));
    expect(one).toEqual(EXPECTED);
    expect((await batch.getStory('w2'))?.copies.map((c) => c.itemId)).toEqual(['o2', 'p1']);
    await batch.close();
    await single.close();
  });

  it('answers a re-fetched batch without writing: every entry is seen under its story', async () => {
    const store = open();
    await fileItems(stream(), store, OPTIONS, toStory);
    const verdicts = await decideStories(stream(), store, OPTIONS);
    expect(verdicts).toEqual(['w1', 'w1', 'w2', 'w1', 'w2', 'w2'].map((storyId) => ({ kind: 'seen', storyId })));
    await store.close();
  });
});

describe('signature bytes', () => {
  it('round-trips a full signature in at most 64 bytes, the limit of a compact Redis hash value', () => {
    const signature = {
      minute: 29_412_345,
      day: 31,
      lead: Array.from({ length: 22 }, (_, i) => (i * 977) & 0xfff),
      title: [5, 77, 1023, 2048, 4000, 4095],
      rest: Array.from({ length: 10 }, (_, i) => 4095 - i * 13),
      ticker: 1023,
    };
    const bytes = encodeSignature(signature);
    expect(bytes.byteLength).toBe(64);
    expect(decodeSignature(bytes)).toEqual(signature);
    const small = { minute: 1, day: 0, lead: [7], title: [], rest: [], ticker: 0 };
    expect(decodeSignature(encodeSignature(small))).toEqual(small);
  });

  it('reads signatures indexed before the ticker was kept as having none', () => {
    const signature = { minute: 29_412_345, day: 7, lead: [1, 2, 3], title: [9], rest: [], ticker: 0 };
    const current = encodeSignature(signature);
    // The earlier layout: no format flag, no ticker byte.
    const earlier = Uint8Array.from([...current.subarray(0, 5), current[5]! & 0x1f, ...current.subarray(7)]);
    expect(decodeSignature(earlier)).toEqual(signature);
  });
});
