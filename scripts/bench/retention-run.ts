// A simulated week of filing and hourly pruning on one store, under a fake clock: the worker's
// filing path (fileFeed, the real classifier and sanitizer) and its prune (pruneExpired) at the
// simulated time, with the store's size and the process's RSS sampled after each hour's prune.
import { stat } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createClassifier } from '../../src/classify/index.ts';
import type { Config } from '../../src/config/index.ts';
import type { Item, Source, SourceState } from '../../src/domain/index.ts';
import { sanitizeItem } from '../../src/normalize/index.ts';
import type { Store } from '../../src/store/index.ts';
import { fileFeed } from '../../src/worker/index.ts';
import { mapWithLimit } from '../../src/worker/pool.ts';
import { pruneExpired } from '../../src/worker/retention.ts';

const HOUR = 3_600_000;
const PLACES = ['Paris', 'Berlin', 'Geneva', 'Tokyo', 'Moscow', 'Kyiv', 'Cairo', 'Lagos', 'Lima', 'Delhi', 'Seoul', 'Ankara'];

/** One simulated hour, after its prune: stories stored and the sizes sampled. */
export interface HourSample {
  hour: number;
  stories: number;
  /** Redis INFO used_memory, or the SQLite file with its WAL, MB. */
  storeMb: number;
  rssMb: number;
}

/** The store under test and how to read its size (and, on Redis, stand in for its clock). */
export interface SimStore {
  store: Store;
  sizeMb(): Promise<number>;
  /** Called after each hour's prune with the simulated time. */
  afterHour?(now: number): Promise<void>;
}

// mulberry32: deterministic words, so both stores file the same stream.
function randomOf(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function itemsOf(source: Source, hour: number, perHour: number, now: number, random: () => number): Item[] {
  const word = () => Math.floor(random() * 36 ** 6).toString(36);
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  return Array.from({ length: perHour }, (_, i) => {
    const id = `${source.id}-${hour}-${i}`;
    const place = PLACES[Math.floor(random() * PLACES.length)] as string;
    const title = `${place}: ${words(8)}`;
    const text = `${place.toUpperCase()} — ${words(45)}.`;
    const link = `https://${source.id}.example/news/${id}`;
    return {
      id,
      sourceId: source.id,
      guid: link,
      link,
      url: link,
      title,
      summary: text.slice(0, 300),
      text,
      published: new Date(now - i * 60_000).toISOString(),
      categories: [],
      enclosures: [],
      language: 'en',
    };
  });
}

/** Files `perHour` items of every source each simulated hour from `start`, prunes, samples; `hours` hours. */
export async function simulate(sim: SimStore, config: Config, options: { start: number; hours: number; perHour: number }): Promise<HourSample[]> {
  const classifier = createClassifier(config.regions);
  const logger = pino({ level: 'silent' });
  const random = randomOf(7);
  const states = new Map<string, SourceState>(config.sources.map((s) => [s.id, { sourceId: s.id, consecutiveFailures: 0, itemsSeen: 0 }]));
  const samples: HourSample[] = [];
  for (let hour = 0; hour < options.hours; hour++) {
    const now = new Date(options.start + hour * HOUR);
    const toStory = (item: Item) => {
      const classification = classifier.classify({ ...item, defaultCountries: [], defaultRegions: [] });
      return { id: item.id, item: sanitizeItem(item), copies: [], firstSeen: now.toISOString(), ...classification };
    };
    await mapWithLimit(config.sources, 4, async (source) => {
      const items = itemsOf(source, hour, options.perHour, now.getTime(), random);
      const state = { ...(states.get(source.id) as SourceState), lastFetchedAt: now.toISOString() };
      await fileFeed(items, state, { store: sim.store, windowHours: config.dedupe.windowHours, now, toStory });
    });
    await pruneExpired({ config, store: sim.store, logger, now: () => now });
    await sim.afterHour?.(now.getTime());
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    samples.push({ hour, stories: (await sim.store.stats()).stories, storeMb: await sim.sizeMb(), rssMb });
  }
  return samples;
}

/** INFO used_memory of a Redis, MB. */
export async function usedMemoryMb(admin: Redis): Promise<number> {
  const info = await admin.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0) / 2 ** 20;
}

/** The SQLite file and its WAL, MB. */
export async function sqliteMb(file: string): Promise<number> {
  const size = async (name: string) => (await stat(name).catch(() => ({ size: 0 }))).size;
  return ((await size(file)) + (await size(`${file}-wal`))) / 2 ** 20;
}

/**
 * Redis expires fingerprint groups by its own clock, which a fake clock cannot move: after each
 * simulated hour, the groups whose expiry (PEXPIRETIME) the simulated time has passed are deleted,
 * as Redis would have by then.
 */
export async function expireBySimulatedClock(admin: Redis, pattern: string, now: number): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 2000);
    cursor = next;
    const expiries = await Promise.all(keys.map((key) => admin.call('PEXPIRETIME', key) as Promise<number>));
    const gone = keys.filter((_, i) => (expiries[i] as number) > 0 && (expiries[i] as number) <= now);
    if (gone.length > 0) await admin.unlink(...gone);
  } while (cursor !== '0');
}
