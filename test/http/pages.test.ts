import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Story } from '../../src/domain/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { sampleStories } from '../render/sample-stories.ts';
import { capturingLogger, countingStore, fileStoriesAt, jsonOf, SEEDED_AT, startTestApp, type ErrorBody, type TestApp } from './test-app.ts';

const { logger, lines: logLines } = capturingLogger();
const MINUTE = 60_000;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ logger });
});
afterAll(() => app.close());

/** `count` Russian stories, a minute apart, the newest published at `newest`. */
function russianStories(count: number, newest: Date): Story[] {
  const [template] = sampleStories();
  if (!template) throw new Error('no sample story');
  return Array.from({ length: count }, (_, n) => {
    const id = `tass-${1000 + n}`;
    const link = `https://tass.com/politics/${1000 + n}`;
    const published = new Date(newest.getTime() - n * MINUTE).toISOString();
    return { ...template, id, item: { ...template.item, id, link, url: link, title: `Story ${n}`, published }, firstSeen: published };
  });
}

function headlinesOf(html: string): string[] {
  return [...html.matchAll(/<h[23] class="headline"[^>]*>(?:<a [^>]*>)?([^<]+)/g)].map((match) => match[1] ?? '');
}

describe('GET /opml', () => {
  it('lists every region feed', async () => {
    const response = await app.get('/opml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    const opml = await response.text();
    const xmlUrls = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((match) => match[1]);
    expect(xmlUrls).toEqual([
      'http://feeds.example.test/feeds/world.rss',
      'http://feeds.example.test/feeds/russia.rss',
      'http://feeds.example.test/feeds/asia-pacific.rss',
    ]);
    expect(opml).toContain('text="wirefeed: Asia-Pacific"');
  });
});

describe('GET /', () => {
  it('is the HTML home page with every region, its newest headlines and a policy that allows no script', async () => {
    const response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; img-src 'self'; .*frame-ancestors 'none'$/);
    const html = await response.text();
    expect([...html.matchAll(/<h2 id="[^"]+"><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((match) => [match[1], match[2]])).toEqual([
      ['/regions/world', 'World'],
      ['/regions/russia', 'Russia'],
      ['/regions/asia-pacific', 'Asia-Pacific'],
    ]);
    expect(html).toContain('<a href="/feeds/asia-pacific.json" type="application/feed+json">JSON Feed</a>');
    expect(html).toContain('>Sydney ferries return to service</a>');
    expect(html).toContain('<a href="/countries/au">Australia</a>');
  });

  it('answers If-None-Match with 304 after one version read, and HEAD with no body', async () => {
    const { store, calls } = countingStore(SqliteStore.inMemory());
    const counted = await startTestApp({ store });
    try {
      const first = await counted.get('/');
      const etag = first.headers.get('etag') ?? '';
      calls.reset();
      const again = await counted.get('/', { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(calls.counts).toEqual({ feedVersions: 1 });
      const head = await counted.request('/', { method: 'HEAD' });
      expect([head.status, head.headers.get('etag'), await head.text()]).toEqual([200, etag, '']);
    } finally {
      await counted.close();
    }
  });

  it('renders again when a story arrives', async () => {
    const fresh = await startTestApp();
    try {
      const before = await fresh.get('/');
      const [story] = russianStories(1, new Date('2025-05-04T00:00:00.000Z'));
      if (!story) throw new Error('no story');
      await fileStoriesAt(fresh.store, [{ ...story, item: { ...story.item, title: 'Breaking news' } }], new Date(SEEDED_AT.getTime() + MINUTE));
      const after = await fresh.get('/', { 'If-None-Match': before.headers.get('etag') ?? '' });
      expect(after.status).toBe(200);
      expect(await after.text()).toContain('>Breaking news</a>');
    } finally {
      await fresh.close();
    }
  });
});

describe('relative times on cached pages', () => {
  const published = new Date('2025-05-03T09:00:00.000Z');
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keep the ETag while their wording holds, and change it (and Last-Modified) when "12 min ago" becomes "13 min ago"', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(published.getTime() + 12.5 * MINUTE));
    const { store, calls } = countingStore(SqliteStore.inMemory());
    const timed = await startTestApp({ store });
    try {
      const first = await timed.get('/regions/russia');
      expect(await first.text()).toContain('>12 min ago</time>');
      const etag = first.headers.get('etag') ?? '';
      calls.reset();
      vi.setSystemTime(new Date(published.getTime() + 12.9 * MINUTE));
      expect((await timed.get('/regions/russia', { 'If-None-Match': etag })).status).toBe(304);
      expect(calls.counts).toEqual({ feedVersions: 1 });
      vi.setSystemTime(new Date(published.getTime() + 13.1 * MINUTE));
      const later = await timed.get('/regions/russia', { 'If-None-Match': etag });
      expect(later.status).toBe(200);
      expect(await later.text()).toContain('>13 min ago</time>');
      expect(later.headers.get('etag')).not.toBe(etag);
      expect(Date.parse(later.headers.get('last-modified') ?? '')).toBeGreaterThan(Date.parse(first.headers.get('last-modified') ?? ''));
    } finally {
      await timed.close();
    }
  });
});

describe('GET /regions/:id', () => {
  it("shows the region's stories, its feeds and its countries", async () => {
    const response = await app.get('/regions/asia-pacific');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(headlinesOf(html)).toEqual(['Typhoon nears Okinawa', 'Sydney ferries return to service']);
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Asia-Pacific (Atom)" href="/feeds/asia-pacific.atom">');
    expect(html).toContain('<li><a href="/countries/kr">South Korea</a></li>');
    expect(html).toContain('&lt;iframe src=&quot;http://feeds.example.test/embed/asia-pacific&quot;');
  });

  it('pages 30 stories at a time, with links to older and newest stories', async () => {
    const paged = await startTestApp({ stories: russianStories(32, new Date('2025-05-03T12:00:00.000Z')) });
    try {
      const first = await (await paged.get('/regions/russia')).text();
      expect(headlinesOf(first)).toHaveLength(30);
      const older = /<a class="older" href="([^"]+)" rel="next">/.exec(first)?.[1]?.replaceAll('&amp;', '&');
      expect(older).toMatch(/^\/regions\/russia\?cursor=/);
      const second = await (await paged.get(older ?? '')).text();
      expect(headlinesOf(second)).toEqual(['Story 30', 'Story 31']);
      expect(second).toContain('<a class="newest" href="/regions/russia">← Newest stories</a>');
      expect(second).not.toContain('class="older"');
    } finally {
      await paged.close();
    }
  });

  it('is a 404 for an unknown region and a 400 for a bad cursor', async () => {
    const unknown = await app.get('/regions/mars');
    expect(unknown.status).toBe(404);
    expect((await jsonOf<ErrorBody>(unknown)).message).toMatch(/^http: unknown region "mars"; valid regions: world, russia, asia-pacific$/);
    expect((await app.get('/regions/russia?cursor=')).status).toBe(400);
    expect((await app.get('/regions/russia?cursor=nonsense')).status).toBe(400);
    expect((await app.get('/regions/russia?cursor=a&cursor=b')).status).toBe(400);
  });
});

describe('GET /countries/:cc', () => {
  it("shows the country's stories, its feeds and the regions it is in, in any case", async () => {
    for (const path of ['/countries/jp', '/countries/JP']) {
      const html = await (await app.get(path)).text();
      expect(html).toContain('<h1>Japan</h1>');
      expect(headlinesOf(html)).toEqual(['Typhoon nears Okinawa']);
      expect(html).toContain('<a href="/feeds/country/jp.rss" type="application/rss+xml">RSS</a>');
      expect(html).toContain('<link rel="alternate" type="application/feed+json" title="Japan (JSON Feed)" href="/feeds/country/jp.json">');
      expect(html).toContain('<ul><li><a href="/regions/world">World</a></li><li><a href="/regions/asia-pacific">Asia-Pacific</a></li></ul>');
    }
    expect((await app.get('/countries/xx')).status).toBe(404);
  });
});

describe('GET /embed/:region', () => {
  it('may be framed by any site, and allows its own script and same-origin fetches only', async () => {
    const response = await app.get('/embed/asia-pacific');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBeNull();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[^']+'; connect-src 'self'/);
    expect(csp).not.toContain('frame-ancestors');
    const html = await response.text();
    expect(html).toContain('target="_blank" rel="noopener">Typhoon nears Okinawa</a>');
  });

  it('takes a limit from 1 to 20', async () => {
    expect([...(await (await app.get('/embed/world?limit=1')).text()).matchAll(/<li>/g)]).toHaveLength(1);
    for (const limit of ['0', '21', 'abc']) {
      const response = await app.get(`/embed/world?limit=${limit}`);
      expect(response.status).toBe(400);
      expect((await jsonOf<ErrorBody>(response)).message).toBe('http: bad query: limit must be a whole number from 1 to 20');
    }
  });
});

describe('favicons', () => {
  it('serves /favicon.ico and /favicon.svg, answering If-None-Match with 304', async () => {
    const ico = await app.get('/favicon.ico');
    expect([ico.status, ico.headers.get('content-type')]).toEqual([200, 'image/x-icon']);
    expect(Buffer.from(await ico.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const svg = await app.get('/favicon.svg');
    expect([svg.status, svg.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((await app.get('/favicon.ico', { 'If-None-Match': ico.headers.get('etag') ?? '' })).status).toBe(304);
  });
});

describe('GET /healthz', () => {
  it('reports ok with the number of stories', async () => {
    const response = await app.get('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', stories: 3 });
  });
});

describe('anything else', () => {
  it('is a JSON 404 listing the routes', async () => {
    const response = await app.get('/feeds/world/extra');
    expect(response.status).toBe(404);
    expect((await jsonOf<ErrorBody>(response)).message).toMatch(/^http: no such page GET \/feeds\/world\/extra; try \/, \/regions/);
  });

  it('is a 400 for a malformed path escape', async () => {
    expect((await app.get('/feeds/%E0%A4%A.rss')).status).toBe(400);
  });
});

describe('request logging', () => {
  it('logs method, path, status and durationMs per request', async () => {
    await app.get('/feeds/mars.rss');
    const line = logLines.find((entry) => entry.path === '/feeds/mars.rss' && entry.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', status: 404 });
    expect(typeof line?.durationMs).toBe('number');
  });
});
