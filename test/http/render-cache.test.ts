import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.ts';
import { sampleStories } from '../render/sample-stories.ts';
import { capturingLogger, countingStore, fileCopyAt, SEEDED_AT, startTestApp, type StoreCalls, type TestApp } from './test-app.ts';

let app: TestApp | undefined;
afterEach(() => app?.close());

async function countedApp(cacheEntries?: number): Promise<{ app: TestApp; calls: StoreCalls }> {
  const { store, calls } = countingStore(SqliteStore.inMemory());
  app = await startTestApp({ store, ...(cacheEntries ? { cacheEntries } : {}) });
  calls.reset();
  return { app, calls };
}

describe('the render cache', () => {
  it('answers a repeated 200, a 304 and a compressed 200 with one version read each: no listing, no render', async () => {
    const { app, calls } = await countedApp();
    const first = await app.get('/feeds/world.rss');
    expect(calls.counts).toEqual({ feedVersions: 1, listStories: 1 });
    calls.reset();
    const again = await app.get('/feeds/world.rss');
    expect(await again.text()).toBe(await first.text());
    await app.get('/feeds/world.rss', { 'If-None-Match': first.headers.get('etag') ?? '' });
    await app.get('/feeds/world.rss', { 'Accept-Encoding': 'identity' });
    expect(calls.counts).toEqual({ feedVersions: 3 });
  });

  it('renders again once the feed changes, and only that feed', async () => {
    const { app, calls } = await countedApp();
    await app.get('/feeds/asia-pacific.json');
    await app.get('/feeds/russia.json');
    const [, japan] = sampleStories();
    await fileCopyAt(
      app.store,
      japan?.id ?? '',
      { itemId: 'abc-7', sourceId: 'abc-au', link: 'https://www.abc.net.au/7', published: '2025-05-04T00:00:00.000Z' },
      new Date(SEEDED_AT.getTime() + 60_000),
    );
    calls.reset();
    await app.get('/feeds/asia-pacific.json');
    await app.get('/feeds/russia.json');
    // The changed feed's repeat is read by the fast path, found stale, and read again by the app.
    expect(calls.counts).toEqual({ feedVersions: 3, listStories: 1 });
  });

  it('keeps filtered feeds and pages apart, each cached', async () => {
    const { app, calls } = await countedApp();
    for (let round = 0; round < 2; round++) {
      for (const path of ['/feeds/world.json', '/feeds/world.json?q=typhoon', '/feeds/world.json?limit=1', '/api/stories?country=JP,RU']) await app.get(path);
    }
    // The country list is one query per country: two listings for its one render.
    expect(calls.counts).toEqual({ feedVersions: 8, listStories: 5 });
  });

  it('renders once for many requests arriving together', async () => {
    const { app, calls } = await countedApp();
    const bodies = await Promise.all(Array.from({ length: 20 }, () => app.get('/feeds/world.atom').then((r) => r.text())));
    expect(new Set(bodies).size).toBe(1);
    expect(calls.counts.listStories).toBe(1);
  });

  it('holds at most its bound, dropping the least recently used', async () => {
    const { app, calls } = await countedApp(2);
    await app.get('/feeds/world.rss');
    await app.get('/feeds/russia.rss');
    await app.get('/feeds/world.rss');
    await app.get('/feeds/asia-pacific.rss');
    calls.reset();
    await app.get('/feeds/world.rss');
    expect(calls.counts.listStories).toBeUndefined();
    await app.get('/feeds/russia.rss');
    expect(calls.counts.listStories).toBe(1);
  });
});

describe('the fast path', () => {
  it('answers a repeated URL exactly as the app did: status, headers and body, 200, 304 and HEAD', async () => {
    const { app } = await countedApp();
    const strip = (response: Response) => [...response.headers].filter(([name]) => name !== 'date' && name !== 'connection' && name !== 'keep-alive');
    for (const [path, headers] of [
      ['/feeds/world.rss?country=JP,RU&limit=1', {}],
      ['/api/stories?q=typhoon', { 'Accept-Encoding': 'br' }],
      ['/feeds/russia.atom', { 'If-Modified-Since': SEEDED_AT.toUTCString() }],
    ] as const) {
      const first = await app.get(path, headers);
      const again = await app.get(path, headers);
      expect(again.status, path).toBe(first.status);
      expect(strip(again), path).toEqual(strip(first));
      expect(await again.text()).toBe(await first.text());
    }
    const head = await app.request('/feeds/world.rss?country=JP,RU&limit=1', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('logs the requests it answers as the app does', async () => {
    const { logger, lines } = capturingLogger();
    app = await startTestApp({ logger });
    await app.get('/feeds/world.rss?limit=1');
    await app.get('/feeds/world.rss?limit=1');
    const logged = lines.filter((line) => line.msg === 'request' && line.path === '/feeds/world.rss');
    expect(logged.map((line) => [line.method, line.status])).toEqual([
      ['GET', 200],
      ['GET', 200],
    ]);
    expect(logged.every((line) => typeof line.durationMs === 'number')).toBe(true);
  });
});
