import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { fetchDefaults, type Config, type ConfigStatus } from '../../src/config/index.ts';
import type { Copy, Story } from '../../src/domain/index.ts';
import { createHandler } from '../../src/http/index.ts';
import type { Metrics } from '../../src/metrics/index.ts';
import { SqliteStore, type Store } from '../../src/store/index.ts';
import { seedStories } from '../support/seed-store.ts';
import { SAMPLE_SOURCES, sampleStories } from '../render/sample-stories.ts';

/** The fixed config every HTTP test serves: world (everything), russia, asia-pacific. */
export function testConfig(baseUrl = 'http://feeds.example.test'): Config {
  const region = (id: string, title: string, description: string, countries: string[]) => ({
    id,
    title,
    description,
    countries: new Set(countries),
    everything: countries.length === 0,
    includeKeywords: [],
    excludeKeywords: [],
  });
  return {
    file: 'test-feeds.yaml',
    regions: [
      region('world', 'World', 'Every story', []),
      region('russia', 'Russia', 'Stories about Russia', ['RU']),
      region('asia-pacific', 'Asia-Pacific', 'Asia and the Pacific', ['JP', 'CN', 'KR', 'AU', 'NZ']),
    ],
    sources: SAMPLE_SOURCES.map((source) => ({
      ...source,
      language: 'en',
      defaultCountries: [],
      defaultRegions: [],
      pollIntervalMinutes: 10,
    })),
    output: { baseUrl, title: 'wirefeed', itemsPerFeed: 2, retention: { days: 30 } },
    // Every fixture is on one loopback host: no per-host spacing, or tests would poll one a second.
    fetch: { ...fetchDefaults(), timeoutMs: 10_000, maxBytes: 5_000_000, concurrency: 4, perHost: 4, hostSpacingMs: 0, allowPrivateNetworks: true },
    dedupe: { windowHours: 48 },
  };
}

/** A running app over a store holding the given stories. */
export interface TestApp {
  baseUrl: string;
  store: Store;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Any request: another method, a body. */
  request(path: string, init: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the real app on 127.0.0.1 over a fresh store filled with `stories`. */
export async function startTestApp(
  options: {
    stories?: Story[];
    config?: Config;
    logger?: Logger;
    store?: Store;
    cacheEntries?: number;
    configStatus?: () => ConfigStatus;
    metrics?: Metrics;
  } = {},
): Promise<TestApp> {
  const store = options.store ?? SqliteStore.inMemory();
  await seedStories(store, options.stories ?? sampleStories());
  const config = options.config ?? testConfig();
  const logger = options.logger ?? pino({ level: 'silent' });
  const { cacheEntries, configStatus, metrics } = options;
  const server = await listen(
    createHandler({ store, config, logger, ...(cacheEntries ? { cacheEntries } : {}), ...(configStatus ? { configStatus } : {}), metrics }),
  );
  return {
    baseUrl: server.baseUrl,
    store,
    get: (path, headers = {}) => fetch(`${server.baseUrl}${path}`, { headers }),
    request: (path, init) => fetch(`${server.baseUrl}${path}`, init),
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

/** How often each Store method was called since the last `reset`. */
export interface StoreCalls {
  counts: Record<string, number>;
  reset(): void;
}

/** Wraps a store so a test can see which of its methods a request called. */
export function countingStore(store: Store): { store: Store; calls: StoreCalls } {
  const calls: StoreCalls = { counts: {}, reset: () => (calls.counts = {}) };
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.counts[String(name)] = (calls.counts[String(name)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, calls };
}

/** When startTestApp's stories were filed: the version of every feed they are in. */
export const SEEDED_AT = new Date('2026-01-01T00:00:00.000Z');

/** Files a copy of a stored story as a poll at `at` would, so the feeds it changes take that version. */
export async function fileCopyAt(store: Store, storyId: string, copy: Copy, at: Date): Promise<void> {
  const entry = { kind: 'copy' as const, storyId, copy, itemKey: `item:${copy.itemId}`, identityKeys: copy.link ? [`url:${copy.link}`] : [] };
  const state = { sourceId: copy.sourceId, consecutiveFailures: 0, itemsSeen: 1 };
  const outcome = await store.fileSource({ state, entries: [entry], window: { now: at, hours: 72 } });
  if (!outcome.filed) throw new Error(`test: copy conflicted: ${outcome.conflict}`);
}

/** Files new stories as a poll at `at` would. */
export async function fileStoriesAt(store: Store, stories: Story[], at: Date): Promise<void> {
  const entries = stories.map((story) => ({
    kind: 'new' as const,
    story,
    itemKey: `item:${story.item.id}`,
    identityKeys: story.item.url ? [`url:${story.item.url}`] : [],
    fingerprint: { bandKeys: [], signature: new Uint8Array() },
    bandHolders: [],
  }));
  const outcome = await store.fileSource({ state: { sourceId: 'test-later', consecutiveFailures: 0, itemsSeen: 0 }, entries, window: { now: at, hours: 72 } });
  if (!outcome.filed) throw new Error(`test: stories conflicted: ${outcome.conflict}`);
}

/** Runs a handler, as `serve` does (fast path and app), on a free port of 127.0.0.1. */
async function listen(handler: RequestListener): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The body of a JSON error response. */
export interface ErrorBody {
  error: string;
  message: string;
}

/** A response body parsed as JSON, typed by the caller. */
export async function jsonOf<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** A pino logger whose lines are kept, parsed, in `lines` for tests to inspect. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}
