import { Redis } from 'ioredis';
import { RedisStore, type SourceFiling, type StoryQuery } from '../../src/store/index.ts';
import { recordSizes } from '../../src/store/redis/redis-record.ts';
import { startRedisServer } from '../../test/support/redis-servers.ts';
import { searchWords } from '../../src/store/index.ts';
import { median } from './measure.ts';
import { storyStream } from './redis-memory-stories.ts';

/** What RedisStore's memory and speed come to over a filled store. */
export interface RedisMemoryFigures {
  stories: number;
  /** INFO used_memory after filing, less before, per story. */
  usedMemoryPerStory: number;
  /** MEMORY USAGE (all samples) summed by key family, per story, largest first. */
  families: { family: string; keys: number; bytesPerStory: number }[];
  /** Mean bytes of a story record's parts. */
  record: { head: number; body: number; tail: number };
  /** fileSource entries per second, one filing at a time and 4 in flight. */
  filing: { itemsPerSecond: number; itemsPerSecondInFlight: number };
  /** Median ms of a 20-story page (first page) of each query. */
  pages: { query: string; ms: number; stories: number }[];
}

const PREFIX = 'wirefeed-bench:';
const FAMILIES: [string, RegExp][] = [
  ['story records (hash)', /^stories$/],
  ['identity claims (digest buckets)', /^ids:/],
  ['index: everything', /^x:a:/],
  ['index: regions', /^x:r:/],
  ['index: countries', /^x:c:/],
  ['index: sources', /^x:s:/],
  ['index directories', /^xd:/],
  ['first-seen lists', /^seen/],
  ['fingerprint bands', /^b:/],
  ['fingerprint signatures', /^fs:/],
  ['feed versions, source states, layout', /^(versions|sources|layout)$/],
];

/**
 * Fills a RedisStore of its own Redis (a private redis-server unless `redisUrl` is given: used_memory
 * of a shared server moves with other clients) with `stories` stories, and measures it.
 */
export async function measureRedisMemory(options: { stories?: number; redisUrl?: string } = {}): Promise<RedisMemoryFigures> {
  const count = options.stories ?? 10_000;
  const server = options.redisUrl ? undefined : await startRedisServer();
  const url = options.redisUrl ?? (server as { url: string }).url;
  const admin = new Redis(url);
  const store = new RedisStore({ redis: new Redis(url), prefix: PREFIX });
  try {
    const { filings } = storyStream();
    const polls = filings(count, new Date());
    const before = await usedMemory(admin);
    const started = performance.now();
    await fileInTurn(store, polls.slice(0, Math.floor(polls.length / 2)), 1);
    const half = performance.now();
    await fileInTurn(store, polls.slice(Math.floor(polls.length / 2)), 4);
    const done = performance.now();
    const usedMemoryPerStory = ((await usedMemory(admin)) - before) / count;
    const entries = (list: SourceFiling[]) => list.reduce((n, poll) => n + poll.entries.length, 0);
    const filing = {
      itemsPerSecond: entries(polls.slice(0, Math.floor(polls.length / 2))) / ((half - started) / 1000),
      itemsPerSecondInFlight: entries(polls.slice(Math.floor(polls.length / 2))) / ((done - half) / 1000),
    };
    return {
      stories: count,
      usedMemoryPerStory,
      families: await families(admin, PREFIX, count),
      record: await recordParts(admin, PREFIX),
      filing,
      pages: await pages(store, polls),
    };
  } finally {
    await store.close();
    const keys = await admin.keys(RedisStore.keyPattern(PREFIX));
    for (let i = 0; i < keys.length; i += 1000) await admin.unlink(...keys.slice(i, i + 1000));
    admin.disconnect();
    await server?.stop();
  }
}

async function fileInTurn(store: RedisStore, polls: SourceFiling[], inFlight: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < polls.length) {
      const outcome = await store.fileSource(polls[next++] as SourceFiling);
      if (!outcome.filed) throw new Error(`bench: a generated filing conflicted: ${outcome.conflict}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}

/** MEMORY USAGE of every key of the store under `prefix`, summed by key family, per story. */
export async function families(admin: Redis, prefix: string, count: number): Promise<RedisMemoryFigures['families']> {
  const keys = await admin.keys(RedisStore.keyPattern(prefix));
  const pipeline = admin.pipeline();
  for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
  const sizes = ((await pipeline.exec()) ?? []).map(([, size]) => Number(size));
  const tag = `{${prefix.slice(0, -1)}}:`;
  const sums = new Map(FAMILIES.map(([family]) => [family, { keys: 0, bytes: 0 }]));
  keys.forEach((key, i) => {
    const family = FAMILIES.find(([, pattern]) => pattern.test(key.slice(tag.length)))?.[0] ?? 'other';
    const sum = sums.get(family) ?? { keys: 0, bytes: 0 };
    sums.set(family, { keys: sum.keys + 1, bytes: sum.bytes + (sizes[i] ?? 0) });
  });
  return [...sums].map(([family, sum]) => ({ family, keys: sum.keys, bytesPerStory: sum.bytes / count })).sort((a, b) => b.bytesPerStory - a.bytesPerStory);
}

/** Mean bytes of the parts of 1,000 story records of the store under `prefix`. */
export async function recordParts(admin: Redis, prefix: string): Promise<RedisMemoryFigures['record']> {
  const sample = (await admin.hrandfieldBuffer(`{${prefix.slice(0, -1)}}:stories`, 1000)) as Buffer[];
  const records = await admin.hmgetBuffer(`{${prefix.slice(0, -1)}}:stories`, ...sample);
  const parts = records.flatMap((record) => (record ? [recordSizes(record)] : []));
  const mean = (part: 'head' | 'body' | 'tail') => parts.reduce((n, p) => n + p[part], 0) / parts.length;
  return { head: mean('head'), body: mean('body'), tail: mean('tail') };
}

// Words of the titles and summaries in about 10%, 1% and 0.1% of the stories, and one in none
// (a page of it scans up to the bound and comes back empty).
function wordsByShare(polls: SourceFiling[]): [number, string][] {
  const counts = new Map<string, number>();
  let stories = 0;
  for (const entry of polls.flatMap((poll) => poll.entries)) {
    if (entry.kind !== 'new') continue;
    stories++;
    for (const word of searchWords(`${entry.story.item.title} ${entry.story.item.summary}`)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const byShare = [...counts].filter(([word]) => /^[a-z]{5,}$/.test(word));
  return [0.1, 0.01, 0.001].map((share) => {
    const [word, count] = byShare.reduce((best, next) => (Math.abs(next[1] / stories - share) < Math.abs(best[1] / stories - share) ? next : best));
    return [count / stories, word];
  });
}

async function pages(store: RedisStore, polls: SourceFiling[]): Promise<RedisMemoryFigures['pages']> {
  const words = wordsByShare(polls);
  const queries: [string, Omit<StoryQuery, 'limit'>][] = [
    ['everything', {}],
    ['region europe', { region: 'europe' }],
    ['country US', { country: 'US' }],
    ...words.map(([share, word]): [string, Omit<StoryQuery, 'limit'>] => [`q "${word}" (in ${(share * 100).toFixed(1)}% of stories)`, { q: word }]),
    ['q of a word no story has (scans to the bound)', { q: 'zzxqv' }],
    [`q "${words[0]?.[1]}" and region asia`, { q: words[0]?.[1], region: 'asia' }],
  ];
  const out: RedisMemoryFigures['pages'] = [];
  for (const [name, query] of queries) {
    const samples: number[] = [];
    let stories = 0;
    for (let run = 0; run < 11; run++) {
      const started = performance.now();
      stories = (await store.listStories({ ...query, limit: 20 })).stories.length;
      samples.push(performance.now() - started);
    }
    out.push({ query: name, ms: median(samples), stories });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stories = Number(process.argv[2] ?? 10_000);
  console.log(JSON.stringify(await measureRedisMemory({ stories }), null, 2));
}
