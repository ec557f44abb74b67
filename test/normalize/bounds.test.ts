import { describe, expect, it } from 'vitest';
import { testSource } from './sources.ts';
import { identifyEntries } from '../../src/normalize/index.ts';
import { parseFeed, type ParsedFeed } from '../../src/parse/index.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const SOURCE = testSource('wire', 'Wire', 'https://feeds.example.test/wire/rss');

function rss(items: string[]): ParsedFeed {
  const xml = `<rss version="2.0"><channel><title>T</title><link>https://wire.example/</link>${items.join('')}</channel></rss>`;
  return parseFeed(new TextEncoder().encode(xml), { url: SOURCE.url });
}

const item = (n: number, day?: number) =>
  `<item><title>Story ${n}</title><link>https://wire.example/${n}</link>${day ? `<pubDate>${new Date(Date.UTC(2026, 1, day)).toUTCString()}</pubDate>` : ''}</item>`;

const titles = (feed: ParsedFeed, max?: number) => identifyEntries(feed, SOURCE, NOW, max).entries.map((entry) => entry.title);

describe('identifyEntries: at most maxItemsPerFeed entries of one document', () => {
  it('keeps the newest dated entries, in document order, and says how many were dropped', () => {
    const feed = rss([item(1, 3), item(2, 9), item(3), item(4, 1), item(5, 7), item(6, 8)]);
    const identified = identifyEntries(feed, SOURCE, NOW, 3);
    expect(identified.entries.map((entry) => entry.title)).toEqual(['Story 2', 'Story 5', 'Story 6']);
    expect(identified.warnings).toEqual(['normalize: read the newest 3 of 6 entries, dropped 3 (fetch.maxItemsPerFeed)']);
  });

  it('fills the rest with undated entries in document order', () => {
    const feed = rss([item(1), item(2, 5), item(3), item(4), item(5, 4)]);
    expect(titles(feed, 4)).toEqual(['Story 1', 'Story 2', 'Story 3', 'Story 5']);
  });

  it('reads every entry of a document within the limit, with no warning', () => {
    const feed = rss([item(1, 3), item(2)]);
    const identified = identifyEntries(feed, SOURCE, NOW, 2);
    expect([identified.entries.length, identified.warnings]).toEqual([2, []]);
  });
});

describe('identifyEntries: headline length', () => {
  it('cuts a title past 500 characters at a word boundary, with an ellipsis', () => {
    const words = Array.from({ length: 120 }, (_, n) => `word${n}`).join(' ');
    const [entry] = identifyEntries(rss([`<item><title>${words}</title><link>https://wire.example/long</link></item>`]), SOURCE, NOW).entries;
    const title = entry?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(500);
    expect(title.endsWith('…')).toBe(true);
    expect(words.startsWith(title.slice(0, -1))).toBe(true);
    expect(words[title.length - 1]).toBe(' ');
  });

  it('keeps a 500-character title whole', () => {
    const title = 'a'.repeat(250) + ' ' + 'b'.repeat(249);
    const [entry] = identifyEntries(rss([`<item><title>${title}</title><link>https://wire.example/500</link></item>`]), SOURCE, NOW).entries;
    expect(entry?.title).toBe(title);
  });
});
