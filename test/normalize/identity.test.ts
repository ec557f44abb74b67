import { describe, expect, it } from 'vitest';
import { parseFixture, testSource } from './sources.ts';
import { identityKeys } from '../../src/dedupe/index.ts';
import { completeItems, identifyEntries, normalizeFeed } from '../../src/normalize/index.ts';
import { parseFeed, type ParsedFeed } from '../../src/parse/index.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const SOURCE = testSource('wire', 'Wire', 'https://feeds.example.test/rss');

const parsed = (path: string): ParsedFeed => parseFixture(path, SOURCE.url);

function rss(items: string): ParsedFeed {
  const xml = `<rss version="2.0"><channel><title>T</title><link>https://site.example/news/</link>${items}</channel></rss>`;
  return parseFeed(new TextEncoder().encode(xml), { url: SOURCE.url });
}

describe('normalizeFeed: entries without a link', () => {
  it('keeps them with no link or url (never the feed link), titled from their text', () => {
    const items = normalizeFeed(parsed('rss0/feed-rs__rss092-spec.xml'), SOURCE, NOW);
    expect(items).toHaveLength(3);
    expect(items.map((item) => [item.link, item.url, item.guid])).toEqual([
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
    ]);
    expect(items[2]?.title).toBe('This is a test of a change I just made. Still diggin..');
    expect(items[1]?.enclosures).toEqual([{ url: 'http://www.scripting.com/mp3s/theOtherOne.mp3', type: 'audio/mpeg', length: 6666097 }]);
    expect(new Set(items.map((item) => item.id)).size).toBe(3);
  });

  it('takes the id from the guid, else title and published date, never the title alone', () => {
    const feed = rss(`<item><title>Flash</title><guid isPermaLink="false">w-1</guid></item>
      <item><title>Flash</title><pubDate>Sun, 01 Mar 2026 09:00:00 GMT</pubDate></item>
      <item><title>Flash</title><pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate></item>`);
    const ids = normalizeFeed(feed, SOURCE, NOW).map((item) => item.id);
    expect(new Set(ids).size).toBe(3);
    // A rewritten summary and a new updated stamp on re-fetch leave the id alone.
    const refetched = rss(
      `<item><title>Flash</title><pubDate>Sun, 01 Mar 2026 09:00:00 GMT</pubDate><description>Now longer.</description><atom:updated xmlns:atom="http://www.w3.org/2005/Atom">2026-03-01T11:00:00Z</atom:updated></item>`,
    );
    expect(normalizeFeed(refetched, SOURCE, NOW)[0]?.id).toBe(ids[1]);
  });
});

describe('normalizeFeed: a guid repeated for different items', () => {
  it('falls back to the links and drops the guid', () => {
    const feed = rss(`<item><title>A</title><link>/a</link><guid isPermaLink="false">same</guid></item>
      <item><title>B</title><link>/b</link><guid isPermaLink="false">same</guid></item>
      <item><title>C</title><link>/c</link><guid isPermaLink="false">own</guid></item>`);
    const items = normalizeFeed(feed, SOURCE, NOW);
    expect(items.map((item) => item.guid)).toEqual([undefined, undefined, 'own']);
    const alone = normalizeFeed(rss('<item><title>A</title><link>/a</link></item>'), SOURCE, NOW)[0];
    expect(items[0]?.id).toBe(alone?.id);
    expect(new Set(items.map((item) => item.id)).size).toBe(3);
  });

  it('keeps a guid repeated with the same link (one item listed twice)', () => {
    const feed = rss(
      `<item><title>A</title><link>/a</link><guid isPermaLink="false">g</guid></item><item><title>A</title><link>/a</link><guid isPermaLink="false">g</guid></item>`,
    );
    expect(normalizeFeed(feed, SOURCE, NOW).map((item) => item.guid)).toEqual(['g', 'g']);
  });
});

describe('normalizeFeed: a link several different entries share', () => {
  const alone = (item: string) => normalizeFeed(rss(item), SOURCE, NOW)[0]?.id;

  it('is no identity when the entries have different guids: ids come from the guids, the link stays', () => {
    // Both links are the home page once tracking is dropped.
    const feed = rss(`<item><title>Quake</title><link>https://site.example/</link><guid isPermaLink="false">w-1</guid></item>
      <item><title>Floods</title><link>https://site.example/?utm_source=rss</link><guid isPermaLink="false">w-2</guid></item>
      <item><title>Own page</title><link>/own</link><guid isPermaLink="false">w-3</guid></item>`);
    const items = normalizeFeed(feed, SOURCE, NOW);
    expect(items.map((item) => [item.title, item.link, item.url, item.guid])).toEqual([
      ['Quake', 'https://site.example/', undefined, 'w-1'],
      ['Floods', 'https://site.example/?utm_source=rss', undefined, 'w-2'],
      ['Own page', 'https://site.example/own', 'https://site.example/own', 'w-3'],
    ]);
    expect(items[0]?.id).toBe(alone('<item><title>Quake</title><guid isPermaLink="false">w-1</guid></item>'));
    expect(items[1]?.id).toBe(alone('<item><title>Floods</title><guid isPermaLink="false">w-2</guid></item>'));
    expect(new Set(items.map((item) => item.id)).size).toBe(3);
  });

  it('gives two items that dedupe keeps apart for a feed whose two items link to its home page', () => {
    const feed = rss(`<item><title>A</title><link>https://site.example/</link><guid isPermaLink="false">a-1</guid></item>
      <item><title>B</title><link>https://site.example/</link><guid isPermaLink="false">b-2</guid></item>`);
    const [first, second] = normalizeFeed(feed, SOURCE, NOW);
    expect([first?.url, second?.url, first?.link, second?.link]).toEqual([undefined, undefined, 'https://site.example/', 'https://site.example/']);
    expect(first?.id).not.toBe(second?.id);
    const secondKeys = identityKeys(second!);
    expect(identityKeys(first!).filter((key) => secondKeys.includes(key))).toEqual([]);
  });

  it('is no identity when entries without guids have different titles: ids come from title and date', () => {
    const feed = rss(`<item><title>Quake</title><link>/</link><pubDate>Sun, 01 Mar 2026 09:00:00 GMT</pubDate></item>
      <item><title>Floods</title><link>/</link><pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate></item>`);
    const items = normalizeFeed(feed, SOURCE, NOW);
    expect(items.map((item) => [item.link, item.url])).toEqual([
      ['https://site.example/', undefined],
      ['https://site.example/', undefined],
    ]);
    expect(items[0]?.id).toBe(alone('<item><title>Quake</title><pubDate>Sun, 01 Mar 2026 09:00:00 GMT</pubDate></item>'));
    expect(items[1]?.id).toBe(alone('<item><title>Floods</title><pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate></item>'));
  });

  it('stays the identity of one entry listed twice (same link, same guid or same title)', () => {
    const twice = (item: string) => normalizeFeed(rss(item + item), SOURCE, NOW).map((entry) => entry.url);
    expect(twice('<item><title>A</title><link>/a</link><guid isPermaLink="false">g</guid></item>')).toEqual([
      'https://site.example/a',
      'https://site.example/a',
    ]);
    expect(twice('<item><title>A</title><link>/a</link></item>')).toEqual(['https://site.example/a', 'https://site.example/a']);
  });
});

describe('normalizeFeed: podcast basics', () => {
  it('takes the episode artwork and the itunes author', () => {
    const feed = rss(`<item xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><title>Ep 1</title><link>/e1</link>
      <itunes:author>Jane Host</itunes:author><itunes:image href="https://cdn.example/e1.jpg"/></item>`);
    const [item] = normalizeFeed(feed, SOURCE, NOW);
    expect([item?.author, item?.image]).toEqual(['Jane Host', 'https://cdn.example/e1.jpg']);
  });
});

describe('identifyEntries and completeItems', () => {
  it("give the ids normalizeFeed gives, reading an entry's text only when nothing else identifies it", () => {
    const untitled = parsed('rss0/feed-rs__rss092-spec.xml');
    const identified = identifyEntries(untitled, SOURCE, NOW);
    expect(identified.entries.map((entry) => entry.id)).toEqual(normalizeFeed(untitled, SOURCE, NOW).map((item) => item.id));
    expect(identified.entries[2]?.title).toBe('This is a test of a change I just made. Still diggin..');
    const guided = rss('<item><title>A</title><guid isPermaLink="false">w-1</guid><description>Body</description></item>');
    expect(identifyEntries(guided, SOURCE, NOW).entries[0]).toMatchObject({ title: 'A', guid: 'w-1', text: undefined });
  });

  it('complete only the entries wanted, in document order', () => {
    const feed = rss(`<item><title>A</title><link>/a</link></item><item><title>B</title><link>/b</link></item><item><title>C</title><link>/c</link></item>`);
    const identified = identifyEntries(feed, SOURCE, NOW);
    const known = new Set([identified.entries[1]!.id]);
    const items = completeItems(identified, (id) => !known.has(id));
    expect(items.map((item) => [item.title, item.url])).toEqual([
      ['A', 'https://site.example/a'],
      ['C', 'https://site.example/c'],
    ]);
    expect(items).toEqual(normalizeFeed(feed, SOURCE, NOW).filter((item) => !known.has(item.id)));
  });
});
