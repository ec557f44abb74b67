import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idsWhere, listingStories } from './listing-stories.ts';
import { jsonOf, startTestApp, type ErrorBody, type TestApp } from './test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ stories: listingStories() });
});
afterAll(() => app.close());

interface JsonFeed {
  title: string;
  feed_url: string;
  language?: string;
  items: { id: string }[];
}

async function feedIds(path: string): Promise<string[]> {
  const response = await app.get(path);
  expect(response.status, path).toBe(200);
  return (await jsonOf<JsonFeed>(response)).items.map((item) => item.id);
}

async function apiIds(path: string): Promise<string[]> {
  const response = await app.get(path);
  expect(response.status, path).toBe(200);
  return (await jsonOf<{ stories: { id: string }[] }>(response)).stories.map((story) => story.id);
}

const has = (list: string[], ...values: string[]) => values.some((value) => list.includes(value));

describe('filters on feeds and API listings', () => {
  it.each([
    ['country=RU,JP', idsWhere((s) => has(s.countries, 'RU', 'JP'))],
    ['country=jp', idsWhere((s) => has(s.countries, 'JP'))],
    ['country=RU&country=AU', idsWhere((s) => has(s.countries, 'RU', 'AU'))],
    ['source=abc-au', ['abc-s4', 'nhk-k5', 'abc-b7']],
    ['source=tass,nhk', idsWhere((s) => has([s.item.sourceId], 'tass', 'nhk'))],
    ['lang=en', idsWhere((s) => s.item.language === 'en')],
    ['lang=EN,ja', idsWhere((s) => has([s.item.language ?? ''], 'en', 'ja'))],
    ['q=kuril', ['tass-k1', 'nhk-k5']],
    ['q=Kuril%20TALKS', ['tass-k1']],
    ['q=sao%20cafe', ['abc-b7']],
    ['q=', idsWhere(() => true)],
    ['since=2025-06-10T09:00:00Z', ['tass-k1', 'nhk-t2', 'tass-r3', 'abc-s4']],
    ['country=RU,JP&source=tass', ['tass-k1', 'tass-r3']],
    ['country=JP&lang=en&q=kuril', ['tass-k1', 'nhk-k5']],
    ['country=JP,KR&source=abc-au', ['nhk-k5']],
  ])('/feeds/world.json?%s&limit=50 and /api/stories list the same stories', async (query, expected) => {
    expect(await feedIds(`/feeds/world.json?${query}&limit=50`)).toEqual(expected);
    expect(await apiIds(`/api/stories?${query}&limit=50`)).toEqual(expected);
  });

  it('combines a region feed with its filters (AND)', async () => {
    expect(await feedIds('/feeds/asia-pacific.json?source=tass&limit=50')).toEqual(['tass-k1', 'tass-c6']);
    expect(await feedIds('/feeds/russia.json?lang=en&limit=50')).toEqual(['tass-k1']);
    expect(await feedIds('/feeds/country/jp.json?source=nhk&limit=50')).toEqual(['nhk-t2', 'nhk-k5']);
    expect(await apiIds('/api/stories?region=russia,asia-pacific&lang=ru&limit=50')).toEqual(['tass-r3']);
    expect(await apiIds('/api/regions/asia-pacific/stories?country=KR,CN&limit=50')).toEqual(['nhk-k5', 'tass-c6']);
  });

  it('gives a filtered feed its own self link, id, title, language and ETag', async () => {
    const plain = await app.get('/feeds/world.json');
    const filtered = await app.get('/feeds/world.json?lang=ja&country=RU,JP');
    expect(filtered.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const feed = await jsonOf<JsonFeed>(filtered);
    expect(feed.feed_url).toBe('http://feeds.example.test/feeds/world.json?country=JP,RU&lang=ja');
    expect(feed.title).toBe('wirefeed: World (country JP,RU; lang ja)');
    expect(feed.language).toBe('ja');
    // The same filters written another way are the same feed.
    const same = await app.get('/feeds/world.json?country=jp,ru&lang=JA&utm_source=x');
    expect(same.headers.get('etag')).toBe(filtered.headers.get('etag'));
    const atom = await (await app.get('/feeds/world.atom?q=kuril')).text();
    expect(atom).toContain('<link rel="self" type="application/atom+xml" href="http://feeds.example.test/feeds/world.atom?q=kuril"/>');
  });
});

describe('a bad filter', () => {
  it.each([
    ['/feeds/world.rss?country=XX', 'country "XX" is not an ISO 3166-1 alpha-2 country code'],
    ['/feeds/world.rss?country=RU,', 'country "" is not an ISO 3166-1 alpha-2 country code'],
    ['/feeds/world.json?source=reuters', 'source "reuters" is not a source id (tass, nhk, abc-au)'],
    ['/api/stories?lang=english', 'lang "english" is not a language tag such as "en"'],
    ['/api/stories?since=yesterday', 'since "yesterday" is not an ISO 8601 date or date-time'],
    ['/api/stories?region=europe', 'region "europe" is not a region id'],
    ['/feeds/world.atom?region=russia', 'region is not a filter of this URL'],
    ['/feeds/country/jp.rss?country=RU', 'country is not a filter of this URL'],
    ['/api/countries/jp/stories?country=RU', 'country is not a filter of this URL'],
    ['/api/stories?q=a&q=b', 'q is given more than once'],
    [`/api/stories?q=${'word '.repeat(50)}`, 'q is longer than 200 characters'],
    ['/feeds/world.rss?limit=101', 'limit must be a whole number from 1 to 100, got "101"'],
    ['/feeds/world.rss?limit=-1', 'limit must be a whole number from 1 to 100, got "-1"'],
    ['/api/stories?country=RU,JP,CN,KR,AU,BR&source=tass,nhk,abc-au', 'at most 16 combinations of region, country, source and lang values'],
    [
      '/feeds/world.rss?country=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'country "%3Cscript%3Ealert%281%29%3C/script%3E" is not an ISO 3166-1 alpha-2 country code',
    ],
  ])('%s is a 400 with a one-line reason', async (path, reason) => {
    const response = await app.get(path);
    expect(response.status).toBe(400);
    const body = await jsonOf<ErrorBody>(response);
    expect(body).toEqual({ error: 'bad request', message: `http: bad query: ${reason}` });
  });
});
