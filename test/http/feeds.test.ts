import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startTestApp, type ErrorBody, type TestApp } from './test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const parser = new Parser();

// rss-parser gives a category with a domain as {_: text, $: {domain}}.
function categoryNames(categories: unknown[] | undefined): string[] {
  return (categories ?? []).map((category) => (typeof category === 'string' ? category : (category as { _: string })._));
}

async function ok(path: string, contentType: string): Promise<string> {
  const response = await app.get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe(contentType);
  expect(response.headers.get('cache-control')).toBe('public, max-age=600');
  return response.text();
}

describe('region feeds', () => {
  it('serves RSS 2.0 with itemsPerFeed newest stories, read back by rss-parser', async () => {
    const feed = await parser.parseString(await ok('/feeds/world.rss', 'application/rss+xml; charset=utf-8'));
    expect(feed.title).toBe('wirefeed: World');
    expect(feed.feedUrl).toBe('http://feeds.example.test/feeds/world.rss');
    expect(feed.items.map((item) => [item.title, item.link, item.guid, categoryNames(item.categories)])).toEqual([
      ['Kremlin comments on grain talks', 'https://tass.com/politics/0001', 'tass-0001', ['RU', 'world', 'russia']],
      ['Typhoon nears Okinawa', 'https://www3.nhk.or.jp/nhkworld/en/news/0002/', 'nhk-0002', ['JP', 'world', 'asia-pacific']],
    ]);
  });

  it("serves Atom 1.0 with only the region's stories", async () => {
    const feed = await parser.parseString(await ok('/feeds/russia.atom', 'application/atom+xml; charset=utf-8'));
    expect(feed.feedUrl).toBe('http://feeds.example.test/feeds/russia.atom');
    expect(feed.items.map((item) => [item.title, item.link, item.id])).toEqual([
      ['Kremlin comments on grain talks', 'https://tass.com/politics/0001', 'urn:wirefeed:story:tass-0001'],
    ]);
  });

  it('serves JSON Feed 1.1 with the required fields', async () => {
    const feed = JSON.parse(await ok('/feeds/asia-pacific.json', 'application/feed+json; charset=utf-8'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('wirefeed: Asia-Pacific');
    expect(feed.feed_url).toBe('http://feeds.example.test/feeds/asia-pacific.json');
    expect(feed.home_page_url).toBe('http://feeds.example.test/');
    expect(feed.items.map((item: { id: string }) => item.id)).toEqual(['nhk-0002', 'abc-0003']);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof (item.content_html ?? item.content_text)).toBe('string');
    }
    expect(feed.items[0].content_html).toContain('Also reported by: <a href="https://tass.com/world/0009">TASS</a>');
  });
});

describe('country feeds', () => {
  it('accepts the code in any case and links itself in lower case', async () => {
    const upper = await parser.parseString(await ok('/feeds/country/JP.rss', 'application/rss+xml; charset=utf-8'));
    const lower = await parser.parseString(await ok('/feeds/country/jp.rss', 'application/rss+xml; charset=utf-8'));
    expect(upper.items.map((item) => item.guid)).toEqual(['nhk-0002']);
    expect(lower.items.map((item) => item.guid)).toEqual(['nhk-0002']);
    expect(lower.title).toBe('wirefeed: Japan');
    expect(lower.feedUrl).toBe('http://feeds.example.test/feeds/country/jp.rss');
  });

  it('serves an empty feed for a known country without stories', async () => {
    const feed = JSON.parse(await ok('/feeds/country/fr.json', 'application/feed+json; charset=utf-8'));
    expect(feed.title).toBe('wirefeed: France');
    expect(feed.items).toEqual([]);
  });
});

describe('unknown feeds', () => {
  it.each([
    ['/feeds/mars.rss', /unknown region "mars"; valid regions: world, russia, asia-pacific/],
    ['/feeds/world.xml', /unknown feed format "world.xml"; valid formats: .rss, .atom, .json/],
    ['/feeds/world', /unknown feed format/],
    ['/feeds/country/xx.atom', /unknown country "xx"; valid ISO 3166-1 alpha-2 codes: AD, AE, .*JP, .*ZW/],
    ['/feeds/country/rus.json', /unknown country "rus"/],
  ])('%s is a 404 naming the valid ids', async (path, message) => {
    const response = await app.get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await jsonOf<ErrorBody>(response);
    expect(body.error).toBe('not found');
    expect(body.message).toMatch(message);
  });
});
