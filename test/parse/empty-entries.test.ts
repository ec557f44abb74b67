import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.ts';

const URL_BASE = 'https://feeds.example.test/feed';

function parseText(text: string) {
  return parseFeed(new TextEncoder().encode(text), { url: URL_BASE });
}

function atom(entries: string): string {
  return `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss">${entries}</feed>`;
}

describe('parseFeed: entries that hold nothing', () => {
  it('skips an entry holding only a georss:point, with a warning', () => {
    const feed = parseFeed(readFileSync(new URL('../fixtures/feeds/namespaces/feedparser__georss-point.xml', import.meta.url)), { url: URL_BASE });
    expect(feed.entries).toEqual([]);
    expect(feed.warnings).toEqual(['parse: skipped 1 entry with no title, link or content']);
  });

  it('keeps a sibling entry with a title, and its geo point', () => {
    const feed = parseText(
      atom('<entry><georss:point>36.9382 31.1732</georss:point></entry><entry><title>Quake</title><georss:point>45.256 -71.92</georss:point></entry>'),
    );
    expect(feed.entries.map((entry) => [entry.title, entry.geo])).toEqual([['Quake', { lat: 45.256, lon: -71.92 }]]);
    expect(feed.warnings).toEqual(['parse: skipped 1 entry with no title, link or content']);
  });

  it('reads a GeoRSS point padded with spaces, and skips the entry that holds only that', () => {
    const feed = parseText(
      atom('<entry><georss:point> 36.9382 31.1732 </georss:point></entry><entry><title>Quake</title><georss:point>\n 45.256 -71.92\n</georss:point></entry>'),
    );
    expect(feed.entries.map((entry) => [entry.title, entry.geo])).toEqual([['Quake', { lat: 45.256, lon: -71.92 }]]);
    expect(feed.warnings).toEqual(['parse: skipped 1 entry with no title, link or content']);
  });

  it('counts skipped entries in the plural', () => {
    const feed = parseText(
      atom('<entry><updated>2026-03-01T09:00:00Z</updated></entry><entry><author><name>A</name></author></entry><entry><title>Kept</title></entry>'),
    );
    expect(feed.entries.map((entry) => entry.title)).toEqual(['Kept']);
    expect(feed.warnings).toEqual(['parse: skipped 2 entries with no title, link or content']);
  });

  it.each([
    ['only a title', '<item><title>Title</title></item>'],
    ['only a link', '<item><link>https://x.test/1</link></item>'],
    ['only a guid', '<item><guid isPermaLink="false">42</guid></item>'],
    ['only a description', '<item><description>Text</description></item>'],
    ['only an enclosure', '<item><enclosure url="https://x.test/1.mp3" type="audio/mpeg" length="1"/></item>'],
  ])('keeps an entry with %s', (_name, item) => {
    const feed = parseText(`<rss version="2.0"><channel><title>T</title>${item}</channel></rss>`);
    expect([feed.entries.length, feed.warnings]).toEqual([1, []]);
  });

  it('explains an RSS item of blank tags, which feedsmith drops', () => {
    const feed = parseText('<rss version="2.0"><channel><title>T</title><item><title> </title><link></link><description></description></item></channel></rss>');
    expect([feed.entries, feed.warnings]).toEqual([[], ['parse: skipped 1 entry with no title, link or content']]);
  });

  it('keeps the plain warning for items that came out as nothing for another reason', () => {
    const feed = parseText('<rss version="2.0"><item><title>Outside the channel</title></item></rss>');
    expect([feed.entries, feed.warnings]).toEqual([[], ['parse: the feed has no entries']]);
  });
});
