import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.ts';

const URL_BASE = 'https://feeds.example.test/feed';

function parseFixture(path: string) {
  return parseFeed(readFileSync(new URL(`../fixtures/feeds/${path}`, import.meta.url)), { url: URL_BASE });
}

function parseText(text: string) {
  return parseFeed(new TextEncoder().encode(text), { url: URL_BASE });
}

describe('parseFeed: lenient recovery keeps the items before the fault', () => {
  it('reads a feed whose root element is never closed', () => {
    const feed = parseFixture('malformed/feedjira__InvalidDateFormat.xml');
    expect(feed.entries.map((entry) => entry.title)).toEqual(['Item 0 with an invalid date', 'Item 1 with all valid dates']);
    expect(feed.warnings).toEqual(['parse: document ends before its root element closes (truncated)']);
  });

  it('keeps the complete items of a feed cut mid-item', () => {
    const xml =
      '<rss version="2.0"><channel><title>Wire</title><item><title>One</title><link>https://x.test/1</link></item><item><title>Two</title><link>https://x.test/2</link></item><item><title>Thr';
    const feed = parseText(xml);
    expect(feed.title).toBe('Wire');
    expect(feed.entries.map((entry) => entry.links[0]?.href)).toEqual(['https://x.test/1', 'https://x.test/2']);
  });

  it('keeps the items before a fault in the middle of the document', () => {
    const xml =
      '<rss version="2.0"><channel><item><title>Good</title><link>https://x.test/1</link></item><item><title>Also good</title></item><item><title><![CDATA[Lost</title></item></channel></rss>';
    const feed = parseText(xml);
    expect(feed.entries.map((entry) => entry.title)).toEqual(['Good', 'Also good']);
    expect(feed.warnings).toEqual(['parse: malformed XML, kept the entries before the fault']);
  });

  it('reads an Atom feed wrapped in an XHTML page', () => {
    const feed = parseFixture('malformed/feedjira__DuplicateContentAtomFeed.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Avian’s Blog', warnings: ['parse: feed read from inside an XHTML page'] });
    expect(feed.entries).toHaveLength(10);
    expect(feed.entries[0]?.title).toBe('Down time');
  });

  it('reads RSS whose elements carry a namespace prefix', () => {
    const feed = parseFixture('namespaces/feedparser__rss2-modules-localname-clash.xml');
    expect(feed.title).toBe('RSS Tests - RSS2.0 w/ NS, no default NS, localName clash');
    expect(feed.entries[0]?.summaryHtml).toBe('correct description');
    expect(feed.warnings).toEqual(['parse: namespace prefix "r:" removed from RSS elements']);
  });

  it('gives back items that an unclosed channel element swallowed', () => {
    const feed = parseFixture('podcast/feedjira__ITunesWithSingleQuotedAttributes.xml');
    expect(feed.entries.map((entry) => entry.title)).toEqual(['Shake Shake Shake Your Spices', 'Socket Wrench Shootout', 'Red, Whine, & Blue']);
    expect(feed.entries[0]?.enclosures).toEqual([
      { url: 'http://example.com/podcasts/everything/AllAboutEverythingEpisode3.m4a', type: 'audio/x-m4a', length: 8727310 },
    ]);
    expect(feed.warnings).toEqual(['parse: closed elements left open before the first item']);
  });

  it('reads a byte order mark followed by whitespace before the XML declaration', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode(
        ' \n\t<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Früh</title><item><title>Eins</title><link>https://x.test/1</link></item></channel></rss>',
      ),
    ]);
    const feed = parseFeed(bytes, { url: URL_BASE });
    expect([feed.format, feed.title, feed.entries.map((entry) => entry.title), feed.warnings]).toEqual(['rss', 'Früh', ['Eins'], []]);
  });

  it('keeps an item holding an element whose namespace prefix is never declared', () => {
    const feed = parseText(`<rss version="2.0"><channel><title>T</title>
      <item><title>Undeclared inside</title><link>https://x.test/a</link><itunes:duration>12:00</itunes:duration><media:credit>AP</media:credit></item>
      <item><title>Plain</title><link>https://x.test/b</link></item></channel></rss>`);
    expect(feed.entries.map((entry) => [entry.title, entry.links[0]?.href])).toEqual([
      ['Undeclared inside', 'https://x.test/a'],
      ['Plain', 'https://x.test/b'],
    ]);
  });

  it('reads an <rss> with no version attribute, with a warning', () => {
    const feed = parseText(
      '<?xml version="1.0"?>\n<!-- no version --><rss><channel><title>T</title><item><title>A</title><link>https://x.test/a</link></item></channel></rss>',
    );
    expect([feed.entries.map((entry) => entry.title), feed.warnings]).toEqual([['A'], ['parse: <rss> has no version attribute, read as RSS 2.0']]);
  });

  it('has no warning for an <rss> with a version, however its attributes are written', () => {
    const feed = parseText(
      `<rss xmlns:dc="http://purl.org/dc/elements/1.1/"\n  version='0.92'><channel><title>T</title><item><title>A</title></item></channel></rss>`,
    );
    expect(feed.warnings).toEqual([]);
  });
});

describe('parseFeed: W3C Basic Geo in RDF', () => {
  it('reads geo:lat and geo:long of each item', () => {
    const feed = parseFixture('namespaces/rome__rss10-w3cgeo.rdf');
    expect(feed.entries.slice(0, 2).map((entry) => [entry.title, entry.geo])).toEqual([
      ['Pugerna', { lat: 45.9774, lon: 8.9781 }],
      [feed.entries[1]?.title, { lat: 45.9707, lon: 8.97055 }],
    ]);
  });
});
