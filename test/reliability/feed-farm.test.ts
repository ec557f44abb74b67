// The feed farm the reliability tests and the store benchmark poll: what it serves, its validators,
// its cycles, its near copies and its request counts.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import { parseFeed } from '../../src/parse/index.ts';
import { farmConfigYaml, startFeedFarm, type FeedFarm } from '../support/feed-farm.ts';

let farm: FeedFarm | undefined;
afterEach(async () => {
  await farm?.close();
  farm = undefined;
});

const items = (xml: string) => parseFeed(Buffer.from(xml), { url: 'https://farm.example/feed.xml', contentType: 'application/rss+xml' }).entries;

describe('the feed farm', () => {
  it('serves 20 RSS 2.0 items per feed with a strong ETag and Last-Modified, and 304 to either validator', async () => {
    farm = await startFeedFarm({ feeds: 3 });
    const response = await fetch(farm.feedUrl(1));
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(farm.etag(1));
    expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(body).toBe(farm.feedXml(1));
    expect(body.match(/<item>/g)).toHaveLength(20);
    expect(body.match(/<enclosure /g)?.length).toBeGreaterThan(0);
    const ifNoneMatch = await fetch(farm.feedUrl(1), { headers: { 'if-none-match': farm.etag(1) } });
    const ifModifiedSince = await fetch(farm.feedUrl(1), { headers: { 'if-modified-since': response.headers.get('last-modified') ?? '' } });
    const stale = await fetch(farm.feedUrl(1), { headers: { 'if-none-match': '"other"' } });
    expect([ifNoneMatch.status, ifModifiedSince.status, stale.status]).toEqual([304, 304, 200]);
    expect((await fetch(`${farm.baseUrl}/feed/3.xml`)).status).toBe(404);
    expect(farm.stats().get('/feed/1.xml')).toEqual({ requests: 4, full: 2, notModified: 2, maxInFlight: 1 });
  });

  it('gives items of different stories texts of the sizes asked for, unlike each other', async () => {
    farm = await startFeedFarm({ feeds: 2 });
    const xml = farm.feedXml(0);
    const titles = [...xml.matchAll(/<title>([^<]*)<\/title>/g)].slice(1).map((match) => match[1] as string);
    const descriptions = [...xml.matchAll(/<description>([^<]*)<\/description>/g)].slice(1).map((match) => match[1] as string);
    const contents = [...xml.matchAll(/<!\[CDATA\[(.*?)\]\]>/gs)].map((match) => match[1] as string);
    expect(Math.min(...titles.map((title) => title.length))).toBeGreaterThanOrEqual(74);
    expect(Math.max(...titles.map((title) => title.length))).toBeLessThan(100);
    expect(descriptions.every((text) => text.length >= 290 && text.length < 420)).toBe(true);
    expect(contents.every((html) => html.length >= 1400 && html.length < 1900)).toBe(true);
    expect(new Set(titles).size).toBe(20);
    const firstWords = (text: string) => new Set(text.split(' ').slice(6, 26));
    const shared = [...firstWords(descriptions[0] as string)].filter((word) => firstWords(descriptions[1] as string).has(word));
    expect(shared.length).toBeLessThan(8);
  });

  it('moves 10% of feeds, the same ones every time, 2 new items each, keeping 20', async () => {
    farm = await startFeedFarm({ feeds: 50 });
    const before = farm.feedXml(7);
    const changed = farm.advance();
    const other = await startFeedFarm({ feeds: 50 });
    try {
      expect(other.advance()).toEqual(changed);
    } finally {
      await other.close();
    }
    expect(changed).toHaveLength(5);
    expect(farm.cycle).toBe(1);
    for (let feed = 0; feed < 50; feed++) expect(items(farm.feedXml(feed))).toHaveLength(20);
    const moved = changed[0] as number;
    const guids = (xml: string) => [...xml.matchAll(/<guid[^>]*>([^<]*)<\/guid>/g)].map((match) => match[1]);
    expect(guids(farm.feedXml(moved)).slice(0, 3)).toEqual([`farm-${moved}-21`, `farm-${moved}-20`, `farm-${moved}-19`]);
    expect(guids(farm.feedXml(moved)).at(-1)).toBe(`farm-${moved}-2`);
    if (!changed.includes(7)) expect(farm.feedXml(7)).toBe(before);
  });

  it('puts each near copy in several feeds with small edits and links of their own', async () => {
    farm = await startFeedFarm({ feeds: 6, nearCopies: 2, copiesPerStory: 3 });
    const newest = (feed: number) => /<item>\n<title>([^<]*)<\/title>\n<link>([^<]*)<\/link>/.exec(farm?.feedXml(feed) ?? '')?.slice(1);
    const [[title0, link0], [title2, link2], [title4, link4]] = [0, 2, 4].map((feed) => newest(feed) as string[]) as [string[], string[], string[]];
    expect([0, 2, 4].map((feed) => farm?.nearCopyAt(feed, 0))).toEqual([0, 0, 0]);
    expect([1, 3, 5].map((feed) => farm?.nearCopyAt(feed, 0))).toEqual([1, 1, 1]);
    expect(farm.nearCopyAt(0, 1)).toBeUndefined();
    expect(title2).toBe(`${title0} | Outlet 2`);
    expect(title4?.toLowerCase()).toBe(title0?.toLowerCase());
    expect(title4).not.toBe(title0);
    expect(new Set([link0, link2, link4]).size).toBe(3);
  });

  it('counts requests in flight at once on one path', async () => {
    farm = await startFeedFarm({ feeds: 2, delayMs: 100 });
    await Promise.all([fetch(farm.feedUrl(0)), fetch(farm.feedUrl(0)), fetch(farm.feedUrl(1))]);
    expect(farm.stats().get('/feed/0.xml')?.maxInFlight).toBe(2);
    expect(farm.stats().get('/feed/1.xml')?.maxInFlight).toBe(1);
    farm.resetStats();
    expect(farm.stats().size).toBe(0);
  });

  it('writes a config wirefeed accepts, one source per feed, rotated on request', async () => {
    farm = await startFeedFarm({ feeds: 4 });
    const config = parseConfig(farmConfigYaml(farm, { rotate: 2, concurrency: 8 }), 'farm.yaml');
    expect(config.sources.map((source) => source.id)).toEqual(['farm-2', 'farm-3', 'farm-0', 'farm-1']);
    expect(config.sources[0]?.url).toBe(farm.feedUrl(2));
    expect(config.fetch.concurrency).toBe(8);
    expect(parseConfig(farmConfigYaml(farm, { regions: 'shipped' }), 'farm.yaml').regions.length).toBeGreaterThan(2);
  });
});
