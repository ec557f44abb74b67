import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startTestApp, type ErrorBody, type TestApp } from './test-app.ts';
import { seedState } from '../support/seed-store.ts';

interface Page {
  region?: { id: string; title: string };
  country?: { code: string; name: string };
  stories: Array<{ id: string } & Record<string, unknown>>;
  next: string | null;
  nextUrl: string | null;
}
interface RegionsBody {
  regions: Array<{ id: string } & Record<string, unknown>>;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function json<T = Page>(path: string): Promise<T> {
  const response = await app.get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return jsonOf<T>(response);
}

describe('GET /api/sources', () => {
  it('lists every configured source with its standing, last poll, warnings and errors', async () => {
    await seedState(app.store, {
      sourceId: 'tass',
      lastFetchedAt: '2026-02-07T13:00:00.000Z',
      lastSuccessAt: '2026-02-07T13:00:00.000Z',
      lastStatus: 200,
      nextPollAt: '2026-02-07T13:15:00.000Z',
      etag: '"v1"',
      warnings: ['parse: recovered malformed XML (escaped 1 bare "&")'],
      consecutiveFailures: 0,
      itemsSeen: 40,
      websub: {
        hub: 'https://hub.example.org/',
        topic: 'https://tass.com/rss/v2.xml',
        secret: 'a-secret-never-served',
        status: 'active',
        leaseUntil: '2026-02-17T13:00:00.000Z',
        requestedAt: '2026-02-07T13:00:00.000Z',
      },
    });
    await seedState(app.store, {
      sourceId: 'nhk',
      lastFetchedAt: '2026-02-07T13:00:00.000Z',
      lastError: 'fetch: 503 from www3.nhk.or.jp',
      lastStatus: 503,
      consecutiveFailures: 3,
      itemsSeen: 0,
    });
    const response = await app.get('/api/sources');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const { sources } = await jsonOf<{ sources: unknown[] }>(response);
    const unknown = { movedTo: null, redirect: null, retired: null, hostRetryAfterUntil: null, itemsLast24h: 0 };
    expect(sources).toEqual([
      {
        id: 'tass',
        title: 'TASS',
        url: 'https://tass.com/rss/v2.xml',
        status: 'ok',
        lastFetchedAt: '2026-02-07T13:00:00.000Z',
        lastSuccessAt: '2026-02-07T13:00:00.000Z',
        lastError: null,
        lastStatus: 200,
        consecutiveFailures: 0,
        nextPollAt: '2026-02-07T13:15:00.000Z',
        warnings: ['parse: recovered malformed XML (escaped 1 bare "&")'],
        itemsSeen: 40,
        validators: { etag: true, lastModified: false },
        ...unknown,
        websub: {
          hub: 'https://hub.example.org/',
          topic: 'https://tass.com/rss/v2.xml',
          status: 'active',
          leaseUntil: '2026-02-17T13:00:00.000Z',
          reason: null,
        },
      },
      {
        id: 'nhk',
        title: 'NHK World',
        url: 'https://www3.nhk.or.jp/rss/news/cat0.xml',
        status: 'backing-off',
        lastFetchedAt: '2026-02-07T13:00:00.000Z',
        lastSuccessAt: null,
        lastError: 'fetch: 503 from www3.nhk.or.jp',
        lastStatus: 503,
        consecutiveFailures: 3,
        nextPollAt: null,
        warnings: [],
        itemsSeen: 0,
        validators: { etag: false, lastModified: false },
        ...unknown,
        websub: null,
      },
      {
        id: 'abc-au',
        title: 'ABC News (Australia)',
        url: 'https://www.abc.net.au/news/feed/51120/rss.xml',
        status: 'never-polled',
        lastFetchedAt: null,
        lastSuccessAt: null,
        lastError: null,
        lastStatus: null,
        consecutiveFailures: 0,
        nextPollAt: null,
        warnings: [],
        itemsSeen: 0,
        validators: { etag: false, lastModified: false },
        ...unknown,
        websub: null,
      },
    ]);
  });
});

describe('GET /regions', () => {
  it('lists each region with its countries and absolute feed URLs', async () => {
    const { regions } = await json<RegionsBody>('/regions');
    expect(regions.map((region: { id: string }) => region.id)).toEqual(['world', 'russia', 'asia-pacific']);
    expect(regions[1]).toEqual({
      id: 'russia',
      title: 'Russia',
      description: 'Stories about Russia',
      everything: false,
      countries: ['RU'],
      feeds: {
        rss: 'http://feeds.example.test/feeds/russia.rss',
        atom: 'http://feeds.example.test/feeds/russia.atom',
        json: 'http://feeds.example.test/feeds/russia.json',
      },
      stories: 'http://feeds.example.test/api/regions/russia/stories',
    });
    expect(regions[0]).toMatchObject({ everything: true, countries: [] });
  });
});

describe('GET /api/regions/:region/stories', () => {
  it('pages newest first with a next cursor until the last page', async () => {
    const first = await json('/api/regions/world/stories?limit=2');
    expect(first.region).toEqual({ id: 'world', title: 'World' });
    expect(first.stories.map((story: { id: string }) => story.id)).toEqual(['tass-0001', 'nhk-0002']);
    expect(typeof first.next).toBe('string');
    const nextUrl = new URL(first.nextUrl ?? '');
    expect(nextUrl.origin + nextUrl.pathname).toBe('http://feeds.example.test/api/regions/world/stories');
    expect(nextUrl.searchParams.get('cursor')).toBe(first.next);
    const second = await json(`/api/regions/world/stories?${nextUrl.searchParams}`);
    expect(second.stories.map((story: { id: string }) => story.id)).toEqual(['abc-0003']);
    expect(second.next).toBeNull();
    expect(second.nextUrl).toBeNull();
  });

  it('shows a story with its source, countries, regions and copies, without evidence', async () => {
    const { stories } = await json('/api/regions/asia-pacific/stories');
    expect(stories[0]).toEqual({
      id: 'nhk-0002',
      title: 'Typhoon nears Okinawa',
      url: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/',
      summary: 'Typhoon nears Okinawa. Summary.',
      published: '2025-05-02T06:00:00.000Z',
      firstSeen: '2025-05-02T06:10:00.000Z',
      author: null,
      image: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg',
      language: null,
      source: { id: 'nhk', title: 'NHK World' },
      countries: ['JP'],
      regions: ['world', 'asia-pacific'],
      copies: [{ source: { id: 'tass', title: 'TASS' }, url: 'https://tass.com/world/0009', published: '2025-05-02T07:00:00.000Z' }],
    });
  });

  it.each(['limit=0', 'limit=abc', 'limit=1000', 'cursor='])('refuses ?%s with 400', async (query) => {
    const response = await app.get(`/api/regions/world/stories?${query}`);
    expect(response.status).toBe(400);
    expect((await jsonOf<ErrorBody>(response)).message).toMatch(/^http: bad query/);
  });

  it('refuses a cursor it did not issue with 400, not 404', async () => {
    const response = await app.get(`/api/regions/world/stories?cursor=${Buffer.from('9:x').toString('base64url')}x`);
    expect(response.status).toBe(400);
    expect((await jsonOf<ErrorBody>(response)).message).toMatch(/is not a cursor this store issued$/);
  });

  it('is a 404 naming the valid regions for an unknown one', async () => {
    const response = await app.get('/api/regions/europe/stories');
    expect(response.status).toBe(404);
    expect((await jsonOf<ErrorBody>(response)).message).toBe('http: unknown region "europe"; valid regions: world, russia, asia-pacific');
  });
});

describe('GET /api/countries/:cc/stories', () => {
  it("lists a country's stories, the code in any case", async () => {
    const body = await json('/api/countries/au/stories');
    expect(body.country).toEqual({ code: 'AU', name: 'Australia' });
    expect(body.stories.map((story: { id: string }) => story.id)).toEqual(['abc-0003']);
    expect((await app.get('/api/countries/zz/stories')).status).toBe(404);
  });
});

describe('GET /api/stories', () => {
  it('lists every story newest first, paged, limit bounded', async () => {
    const body = await json('/api/stories?limit=50');
    expect(body.stories.map((story) => story.id)).toEqual(['tass-0001', 'nhk-0002', 'abc-0003']);
    expect(body.next).toBeNull();
    expect((await app.get('/api/stories?limit=101')).status).toBe(400);
  });
});

describe('GET /api/stories/:id', () => {
  it('shows one story with its content, sources, copies, countries, regions and evidence', async () => {
    const response = await app.get('/api/stories/nhk-0002');
    expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
    const { story } = await jsonOf<{ story: Record<string, unknown> }>(response);
    expect(story).toMatchObject({
      id: 'nhk-0002',
      title: 'Typhoon nears Okinawa',
      source: { id: 'nhk', title: 'NHK World' },
      countries: ['JP'],
      regions: ['world', 'asia-pacific'],
      contentHtml: '<p>A typhoon is approaching Okinawa.</p>',
      enclosures: [{ url: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg', type: 'image/jpeg', length: 2048 }],
      sources: [
        { id: 'nhk', title: 'NHK World', url: 'https://www3.nhk.or.jp/rss/news/cat0.xml' },
        { id: 'tass', title: 'TASS', url: 'https://tass.com/rss/v2.xml' },
      ],
      copies: [{ source: { id: 'tass', title: 'TASS' }, url: 'https://tass.com/world/0009', published: '2025-05-02T07:00:00.000Z' }],
      evidence: [{ country: 'JP', kind: 'title', match: 'Okinawa', weight: 2 }],
    });
  });

  it('is a 404 for a story it does not hold', async () => {
    const response = await app.get('/api/stories/nope-1');
    expect(response.status).toBe(404);
    expect((await jsonOf<ErrorBody>(response)).message).toBe('http: no story "nope-1"');
  });
});

describe('GET /api/regions', () => {
  it('is the same list as /regions', async () => {
    expect(await json<RegionsBody>('/api/regions')).toEqual(await json<RegionsBody>('/regions'));
  });
});
