// Dedupe throughput with 100,000 stories already in the window, on Redis and on the embedded store,
// and Redis memory per story for the fingerprint index. Texts are synthetic (random words), never data.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { findStory, indexStory, type DedupeOptions } from '../../src/dedupe/index.ts';
import type { Item, Story } from '../../src/domain/index.ts';
import { EmbeddedStore, RedisStore, type Store } from '../../src/store/index.ts';
import { fmt, median, timeRuns, type BenchSection } from './measure.ts';

const STORIES = 100_000;
const BATCH = 5_000;
const CONCURRENCY = 16;
const VOCABULARY = Array.from({ length: 20_000 }, (_, i) => `w${(i * 7919).toString(36)}`);

function randomItem(id: string, source: string, now: Date): Item {
  const pick = () => VOCABULARY[Math.floor(Math.random() * VOCABULARY.length)] as string;
  const title = Array.from({ length: 7 }, pick).join(' ');
  const text = Array.from({ length: 120 }, pick).join(' ');
  const url = `https://${source}.example/${id}`;
  return { id, sourceId: source, link: url, url, title, summary: '', text, published: now.toISOString(), categories: [], enclosures: [] };
}

// What the ingest cycle does per item: look up, then store a new story or add a copy.
async function dedupe(item: Item, store: Store, options: DedupeOptions): Promise<void> {
  const verdict = await findStory(item, store, options);
  if (verdict.kind === 'copy') {
    await store.addCopy(verdict.story.id, { itemId: item.id, sourceId: item.sourceId, link: item.link, published: item.published }, verdict.identityKeys);
  } else if (verdict.kind === 'new') {
    const story: Story = { id: item.id, item, copies: [], firstSeen: options.now.toISOString(), countries: [], regions: [], evidence: [] };
    const saved = await store.saveStory(story, verdict.identityKeys);
    if (saved.saved) await indexStory(store, item.id, verdict.index, options);
  }
}

async function inParallel<T>(items: T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function fill(store: Store, options: DedupeOptions): Promise<void> {
  const items = Array.from({ length: STORIES }, (_, i) => randomItem(`pre-${i}`, 'wire', options.now));
  await inParallel(items, (item) => dedupe(item, store, options));
}

// One batch: half new stories, half copies of stories in the window (another outlet, new URL).
function batch(run: number, options: DedupeOptions): Item[] {
  return Array.from({ length: BATCH }, (_, i) => {
    if (i % 2) return randomItem(`b${run}-${i}`, 'wire', options.now);
    const original = randomItem(`pre-${Math.floor(Math.random() * STORIES)}`, 'wire', options.now);
    return { ...original, id: `b${run}-${i}`, sourceId: 'outlet', url: `https://outlet.example/b${run}-${i}`, link: `https://outlet.example/b${run}-${i}` };
  });
}

async function measure(store: Store, options: DedupeOptions): Promise<{ itemsPerSecond: number; baseline: number }> {
  let run = 0;
  const samples = await timeRuns(3, () => inParallel(batch(run++, options), (item) => dedupe(item, store, options)));
  const lookups = batch(run++, options);
  const base = await timeRuns(3, () => inParallel(lookups, async (item) => void (await store.findByIdentity([`url:${item.url}`]))));
  return { itemsPerSecond: BATCH / (median(samples) / 1000), baseline: BATCH / (median(base) / 1000) };
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Dedupe items/s at 100,000 stories in the window on both stores, and Redis index bytes per story. */
export async function benchDedupe(): Promise<BenchSection> {
  const options: DedupeOptions = { windowHours: 72, now: new Date() };
  const embedded = EmbeddedStore.inMemory();
  await fill(embedded, options);
  const onEmbedded = await measure(embedded, options);
  await embedded.close();

  const prefix = `wirefeed-bench:${randomUUID()}:`;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const admin = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const store = new RedisStore({ redis, prefix });
  try {
    const before = await usedMemory(admin);
    const indexOnly = Array.from({ length: STORIES }, (_, i) => randomItem(`mem-${i}`, 'wire', options.now));
    await inParallel(indexOnly, async (item) => {
      const verdict = await findStory(item, store, options);
      if (verdict.kind === 'new') await indexStory(store, item.id, verdict.index, options);
    });
    const bytesPerStory = ((await usedMemory(admin)) - before) / STORIES;
    await deleteKeys(admin, prefix);
    await fill(store, options);
    const onRedis = await measure(store, options);
    return section(onEmbedded, onRedis, bytesPerStory);
  } finally {
    await deleteKeys(admin, prefix);
    await store.close();
    await admin.quit();
  }
}

function section(embedded: { itemsPerSecond: number; baseline: number }, redis: typeof embedded, bytes: number): BenchSection {
  const body = [
    `| store | dedupe items/s (${fmt(STORIES)} stories in window) | baseline: exact URL lookups/s |`,
    '| --- | ---: | ---: |',
    `| embedded | ${fmt(embedded.itemsPerSecond)} | ${fmt(embedded.baseline)} |`,
    `| Redis (${CONCURRENCY} in flight) | ${fmt(redis.itemsPerSecond)} | ${fmt(redis.baseline)} |`,
    '',
    `Redis memory for the fingerprint index: ${fmt(bytes)} bytes per story (INFO used_memory delta over ${fmt(STORIES)} stories; goal ≤ 300).`,
    `Each item runs the whole dedupe step (identity lookup, band lookup, verification, then saving a story or adding a copy); batches of ${fmt(BATCH)} items, half copies, median of 3.`,
  ].join('\n');
  return { title: 'Dedupe', body };
}
