import { readFileSync } from 'node:fs';
import type { Source, Story } from '../../src/domain/index.ts';
import { normalizeFeed, sanitizeItem } from '../../src/normalize/index.ts';
import { parseFeed } from '../../src/parse/index.ts';
import type { FeedView, SourceRef } from '../../src/render/index.ts';

/** Real publishers' feeds from the parse fixtures: news in four languages, a podcast, wire agencies. */
export const REAL_FEEDS = [
  'feeds/news/rss-parser__guardian.rss',
  'feeds/news/miniflux__bbc-urdu.xml',
  'feeds/news/rss-parser__heise.atom',
  'feeds/news/feed-rs__ilgiornale.xml',
  'feeds/news/rss-parser__uolNoticias.rss',
  'feeds/podcast/feedjira__ITunesWithSingleQuotedAttributes.xml',
  'feeds/encoding/miniflux__ibash-windows-1251.xml',
  'feeds/encoding/feedparser__big5.xml',
  'wire/ria-world.rss',
  'wire/outlet-world.atom',
];

/** A world feed of every story of the real feeds, newest first, as the worker would have filed them. */
export function fixtureView(base = 'https://feeds.example.org'): FeedView {
  const now = new Date('2026-01-01T00:00:00.000Z');
  const sources: SourceRef[] = [];
  const stories: Story[] = REAL_FEEDS.flatMap((path, i) => {
    const source: Source = {
      id: `fixture-${i}`,
      url: `https://publisher${i}.example/feed.xml`,
      title: path.split('/').pop() ?? path,
      language: 'en',
      defaultCountries: [],
      defaultRegions: [],
      pollIntervalMinutes: 10,
    };
    sources.push({ id: source.id, title: source.title, url: source.url });
    const body = readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
    return normalizeFeed(parseFeed(body, { url: source.url }), source, now).map((item) => ({
      id: `${source.id}:${item.id}`,
      item: sanitizeItem(item),
      copies: [],
      firstSeen: now.toISOString(),
      countries: ['RU'],
      regions: ['world'],
      evidence: [],
    }));
  });
  stories.sort((a, b) => Date.parse(b.item.published) - Date.parse(a.item.published));
  return {
    id: 'world',
    title: 'wirefeed: World',
    description: 'Every story',
    selfUrls: { rss: `${base}/feeds/world.rss`, atom: `${base}/feeds/world.atom`, json: `${base}/feeds/world.json` },
    homeUrl: `${base}/`,
    updated: now,
    stories,
    sources: new Map(sources.map((source) => [source.id, source])),
    language: 'en',
    ttlMinutes: 10,
    iconUrl: `${base}/favicon.png`,
  };
}
