import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { Config } from '../../src/config/index.ts';
import type { Story } from '../../src/domain/index.ts';
import { createApp } from '../../src/http/index.ts';
import { SqliteStore, type Store } from '../../src/store/index.ts';
import { seedStories } from '../support/seed-store.ts';
import { listen } from '../support/listen.ts';
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
    output: { baseUrl, title: 'wirefeed', itemsPerFeed: 2, retentionDays: 30 },
    fetch: { timeoutMs: 10_000, maxBytes: 5_000_000, concurrency: 4 },
    dedupe: { windowHours: 48 },
  };
}

/** A running app over a store holding the given stories. */
export interface TestApp {
  baseUrl: string;
  store: Store;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the real app on 127.0.0.1 over a fresh store filled with `stories`. */
export async function startTestApp(
  options: { stories?: Story[]; config?: Config; logger?: Logger; store?: Store } = {},
): Promise<TestApp> {
  const store = options.store ?? SqliteStore.inMemory();
  await seedStories(store, options.stories ?? sampleStories());
  const config = options.config ?? testConfig();
  const server = await listen(createApp({ store, config, logger: options.logger ?? pino({ level: 'silent' }) }));
  return {
    baseUrl: server.baseUrl,
    store,
    get: (path, headers = {}) => fetch(`${server.baseUrl}${path}`, { headers }),
    close: async () => {
      await server.close();
      await store.close();
    },
  };
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
