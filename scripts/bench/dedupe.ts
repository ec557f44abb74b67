// Dedupe throughput with 100,000 stories already in the window, on Redis and on the embedded store,
// Redis memory per story of what the stage files, and the baseline on the dev stream.
// Throughput texts are synthetic (words drawn from a generator seeded by the story's id), never data.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { decideStories, type DedupeOptions } from '../../src/dedupe/index.ts';
import { hash32 } from '../../src/dedupe/fingerprint.ts';
import type { Item, Story } from '../../src/domain/index.ts';
import { RedisStore, SqliteStore, type Store } from '../../src/store/index.ts';
import { fileFeed } from '../../src/worker/index.ts';
import { benchStream } from './dedupe-stream.ts';
import { dedupeSection, type StoreFigures } from './dedupe-section.ts';
import { median, timeRuns, type BenchSection } from './measure.ts';
import { sanitizeItem } from '../../src/normalize/index.ts';

const STORIES = 100_000;
const BATCH = 5_000;
/** Items per feed: the worker dedupes a feed's items as one batch. */
export const FEED = 100;
const RUNS = 5;
const CONCURRENCY = 16;
/** Feeds deduped at once in the pipelined figure: the worker's default fetch.concurrency. */
const FEEDS_IN_FLIGHT = 4;
const VOCABULARY = Array.from({ length: 20_000 }, (_, i) => `w${(i * 7919).toString(36)}`);

// mulberry32: the same story id gives the same words, so a copy made later reads like its original.
function wordsOf(story: string): () => string {
  let state = hash32(story);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return VOCABULARY[((t ^ (t >>> 14)) >>> 0) % VOCABULARY.length] as string;
  };
}

function randomItem(id: string, source: string, now: Date): Item {
  const pick = wordsOf(id);
  const title = Array.from({ length: 7 }, pick).join(' ');
  const text = Array.from({ length: 120 }, pick).join(' ');
  const url = `https://${source}.example/${id}`;
  return { id, sourceId: source, link: url, url, title, summary: '', text, published: now.toISOString(), categories: [], enclosures: [] };
}

// Another outlet's copy of a story in the window: its own id and URL, an outlet suffix on the title, a credit line.
function copyItem(story: string, id: string, now: Date): Item {
  const original = randomItem(story, 'wire', now);
  const url = `https://outlet.example/${id}`;
  return { ...original, id, sourceId: 'outlet', url, link: url, title: `${original.title} | Outlet`, text: `${original.text} (Reporting by Outlet staff)` };
}

const toStory =
  (now: Date) =>
  (item: Item): Story => ({ id: item.id, item: sanitizeItem(item), copies: [], firstSeen: now.toISOString(), countries: [], regions: [], evidence: [] });

function feeds(items: Item[], size: number): Item[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

const STATE = { sourceId: 'bench', consecutiveFailures: 0, itemsSeen: 0 };

// A feed through dedupe and filing: identity, candidates, verification, then one atomic write of its
// stories, copies, identity keys and fingerprints (stories built without classifying or sanitizing).
async function dedupeFeed(feed: Item[], store: Store, options: DedupeOptions): Promise<void> {
  await fileFeed(feed, STATE, { store, ...options, toStory: bareStory(options.now) });
}

const bareStory =
  (now: Date) =>
  (item: Item): Story => {
    const { text: _text, publisherHtml: _html, ...rest } = item;
    return { id: item.id, item: rest, copies: [], firstSeen: now.toISOString(), countries: [], regions: [], evidence: [] };
  };

// Feeds one after another, or `inFlight` at once as the worker polls several sources together.
async function dedupeStage(items: Item[], store: Store, options: DedupeOptions, inFlight = 1): Promise<void> {
  await inParallel(feeds(items, FEED), (feed) => dedupeFeed(feed, store, options), inFlight);
}

// The whole ingest step: the stage with each new story sanitized as the worker does.
async function ingest(items: Item[], store: Store, options: DedupeOptions): Promise<void> {
  for (const feed of feeds(items, FEED)) await fileFeed(feed, STATE, { store, ...options, toStory: toStory(options.now) });
}

async function fill(store: Store, options: DedupeOptions): Promise<void> {
  const items = Array.from({ length: STORIES }, (_, i) => randomItem(`pre-${i}`, 'wire', options.now));
  for (const feed of feeds(items, 1000)) await fileFeed(feed, STATE, { store, ...options, toStory: bareStory(options.now) });
}

// One batch: half new stories, half copies of stories in the window (another outlet, new URL).
function batch(run: string, options: DedupeOptions): Item[] {
  return Array.from({ length: BATCH }, (_, i) => {
    if (i % 2) return randomItem(`b${run}-${i}`, 'wire', options.now);
    return copyItem(`pre-${Math.floor(Math.random() * STORIES)}`, `b${run}-${i}`, options.now);
  });
}

async function inParallel<T>(items: T[], task: (item: T) => Promise<void>, concurrency = CONCURRENCY): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

// A fresh batch for each timed run (and the warm-up), generated before the clock starts.
function batches(name: string, options: DedupeOptions): () => Item[] {
  const made = Array.from({ length: RUNS + 1 }, (_, run) => batch(`${name}${run}`, options));
  return () => made.shift() as Item[];
}

async function measure(store: Store, options: DedupeOptions): Promise<StoreFigures> {
  const rate = (ms: number[]) => BATCH / (median(ms) / 1000);
  const serial = batches('s', options);
  const stage = await timeRuns(RUNS, () => dedupeStage(serial(), store, options));
  const pipelined = batches('p', options);
  const inFlight = await timeRuns(RUNS, () => dedupeStage(pipelined(), store, options, FEEDS_IN_FLIGHT));
  const ingested = batches('i', options);
  const whole = await timeRuns(RUNS, () => ingest(ingested(), store, options));
  const lookups = batch('lookup', options);
  const base = await timeRuns(RUNS, () => inParallel(lookups, async (item) => void (await store.findHolders([`url:${item.url}`]))));
  return { stage: rate(stage), stageInFlight: rate(inFlight), ingest: rate(whole), baseline: rate(base), copyShare: await copyShare(store, options) };
}

// What share of a batch the stage files as copies: the batch is built to be half copies, and a
// stage that found none would be measuring lookups that miss, the cheaper path.
async function copyShare(store: Store, options: DedupeOptions): Promise<number> {
  const items = batch('check', options);
  const decisions = await decideStories(items, store, options);
  return decisions.filter((d) => d.kind === 'copy').length / items.length;
}

// The store's keys carry its prefix as a hash tag (`{wirefeed-bench:…}:…`): matched by its pattern, not the bare prefix.
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', RedisStore.keyPattern(prefix), 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

// Bare stories (no content) filed by the stage: the delta is what filing adds besides a story's content.
async function indexBytesPerStory(store: Store, admin: Redis, options: DedupeOptions): Promise<number> {
  const before = await usedMemory(admin);
  const items = Array.from({ length: STORIES }, (_, i) => randomItem(`mem-${i}`, 'wire', options.now));
  await dedupeStage(items, store, options);
  return ((await usedMemory(admin)) - before) / STORIES;
}

/** Dedupe items/s at 100,000 stories in the window on both stores, Redis index bytes per story, dev-stream baseline. */
export async function benchDedupe(): Promise<BenchSection> {
  const options: DedupeOptions = { windowHours: 72, now: new Date() };
  const embedded = SqliteStore.inMemory();
  await fill(embedded, options);
  const onEmbedded = await measure(embedded, options);
  await embedded.close();

  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `wirefeed-bench:${randomUUID()}:`;
  const admin = new Redis(url);
  const store = new RedisStore({ redis: new Redis(url), prefix });
  try {
    const bytes = await indexBytesPerStory(store, admin, options);
    await deleteKeys(admin, prefix);
    await fill(store, options);
    const onRedis = await measure(store, options);
    const stream = await benchStream(3);
    return dedupeSection(
      { stories: STORIES, batch: BATCH, feed: FEED, runs: RUNS, concurrency: CONCURRENCY, feedsInFlight: FEEDS_IN_FLIGHT },
      onEmbedded,
      onRedis,
      bytes,
      stream,
    );
  } finally {
    await deleteKeys(admin, prefix);
    await store.close();
    await admin.quit();
  }
}
