// `npm run bench -- retention [--sources 300] [--per-hour 30] [--days 7]`: a simulated week of
// filing and hourly pruning (see retention-run.ts) on Redis and on SQLite, a table per store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { parseConfig, type Config } from '../../src/config/index.ts';
import { RedisStore, SqliteStore } from '../../src/store/index.ts';
import { startRedisServer } from '../../test/support/redis-servers.ts';
import { fmt, median, type BenchSection } from './measure.ts';
import { expireBySimulatedClock, simulate, sqliteMb, usedMemoryMb, type HourSample } from './retention-run.ts';

const PREFIX = 'wirefeed-retention:';
// Short enough to fill within the week: 2 days, at most 36 hours' worth of stories a source (`--cap`),
// a third of the sources keeping 1 day of their own; every limit binds by the end of day 2, so day 3
// is the first whole day with the window full. Dedupe's window is 12 hours, so fingerprint groups
// (which expire whole, up to two windows after filing) turn over within the week too.
const WINDOW_DAYS = 2;
const FILLED_DAY = 3;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

function configOf(sources: number, cap: number): Config {
  const entries = Array.from({ length: sources }, (_, i) => {
    const own = i % 3 === 2 ? ', retentionDays: 1' : '';
    return `  - { id: s${i}, url: 'https://s${i}.example/feed', title: S${i}, language: en${own} }`;
  });
  const text = [
    'regions:',
    '  - { id: world, title: World, description: All, all: true }',
    '  - { id: europe, title: Europe, description: Europe, areas: [Europe] }',
    'sources:',
    ...entries,
    'output:',
    '  baseUrl: https://feeds.example.org',
    `  retention: { days: ${WINDOW_DAYS}, maxStoriesPerFeed: ${cap} }`,
    'dedupe: { windowHours: 12 }',
  ].join('\n');
  return parseConfig(text, 'bench.yaml');
}

interface DaySample {
  day: number;
  /** At the day's end. */
  stories: number;
  /** Medians of the day's hourly samples, and the store's largest. */
  storeMb: number;
  storeMaxMb: number;
  rssMb: number;
}

// Medians over a day's 24 samples: one sample a day catches whatever an allocator is doing then.
function daily(samples: HourSample[]): DaySample[] {
  const days = Math.floor(samples.length / 24);
  return Array.from({ length: days }, (_, i) => {
    const hours = samples.slice(i * 24, i * 24 + 24);
    const store = hours.map((s) => s.storeMb);
    return {
      day: i + 1,
      stories: (hours.at(-1) as HourSample).stories,
      storeMb: median(store),
      storeMaxMb: Math.max(...store),
      rssMb: median(hours.map((s) => s.rssMb)),
    };
  });
}

function table(name: string, samples: HourSample[]): string {
  const days = daily(samples);
  const rows = days.map((s) => `| ${s.day} | ${fmt(s.stories)} | ${fmt(s.storeMb, 1)} | ${fmt(s.storeMaxMb, 1)} | ${fmt(s.rssMb)} |`);
  const filled = days[FILLED_DAY - 1];
  const last = days.at(-1);
  const ratio = (pick: (s: DaySample) => number) => (filled && last ? fmt(pick(last) / pick(filled), 2) : 'n/a');
  return [
    `**${name}**`,
    '',
    '| day | stories at its end | store MB (median of the hours) | store MB (largest) | RSS MB (median) |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Last day / day ${FILLED_DAY} (the first whole day with the window full): stories ${ratio((s) => s.stories)}, store ${ratio((s) => s.storeMb)}, RSS ${ratio((s) => s.rssMb)}.`,
  ].join('\n');
}

async function onRedis(config: Config, run: Parameters<typeof simulate>[2]): Promise<HourSample[]> {
  const server = await startRedisServer();
  const admin = new Redis(server.url);
  const store = new RedisStore({ redis: new Redis(server.url), prefix: PREFIX });
  const tag = '{wirefeed-retention}';
  try {
    const afterHour = async (now: number) => {
      await expireBySimulatedClock(admin, `${tag}:b:*`, now);
      await expireBySimulatedClock(admin, `${tag}:fs:*`, now);
    };
    return await simulate({ store, sizeMb: () => usedMemoryMb(admin), afterHour }, config, run);
  } finally {
    await store.close();
    admin.disconnect();
    await server.stop();
  }
}

async function onSqlite(config: Config, run: Parameters<typeof simulate>[2]): Promise<HourSample[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-retention-'));
  const file = path.join(dir, 'wirefeed.sqlite');
  const store = await SqliteStore.open(file);
  try {
    return await simulate({ store, sizeMb: () => sqliteMb(file) }, config, run);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The retention section: Redis memory, SQLite file size and RSS per simulated day. */
export async function benchRetention(): Promise<BenchSection> {
  const sources = flag('sources', 300);
  const perHour = flag('per-hour', 30);
  const days = flag('days', 7);
  const cap = flag('cap', perHour * 36);
  const config = configOf(sources, cap);
  // The simulated week starts now, not in the past: Redis deletes at once a group whose expiry
  // (simulated time + dedupe's window) its own clock has passed, and fingerprints would go unmeasured.
  const run = { start: Date.now(), hours: days * 24, perHour };
  const started = performance.now();
  const redis = await onRedis(config, run);
  const sqlite = await onSqlite(config, run);
  const minutes = (performance.now() - started) / 60_000;
  const body = [
    `A simulated ${days}-day run under a fake clock: ${fmt(sources)} sources × ${perHour} new items an hour each, filed through the`,
    "worker's path (`fileFeed`: dedupe, the real classifier, sanitizing) and pruned every simulated hour by the worker's",
    `\`pruneExpired\` at the simulated time. Retention is short so that it fills within the run: \`retention: { days: ${WINDOW_DAYS},`,
    `maxStoriesPerFeed: ${cap} }\`, a third of the sources with \`retentionDays: 1\`, dedupe's window 12 hours; every limit binds by the end`,
    `of day ${WINDOW_DAYS}. \`npm run bench -- retention --sources ${sources} --per-hour ${perHour} --days ${days}\`.`,
    'Sampled after each hourly prune, shown per day as the median of its 24 samples: stories stored, Redis `used_memory`',
    "(a private redis-server) or the SQLite file with its WAL, and this process's RSS. Redis expires fingerprint groups by its own clock, which the fake clock cannot",
    'move, so after each simulated hour the bench deletes the groups whose PEXPIRETIME the simulated time has passed, as Redis',
    `would have. Redis ran first, then SQLite, in one process (RSS on SQLite starts from Redis's run). ${fmt(minutes, 1)} minutes of real time.`,
    '',
    table('Redis', redis),
    '',
    table('SQLite', sqlite),
  ].join('\n');
  return { title: 'Retention: a simulated week', body };
}
