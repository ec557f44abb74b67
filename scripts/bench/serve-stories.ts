// The store the serve benchmark reads: stories made of the real items of the news fixture feeds
// (titles, summaries and sanitized content as published), spread over the shipped config's regions.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/config/index.ts';
import type { Source, Story, StoryItem } from '../../src/domain/index.ts';
import { normalizeFeed, sanitizeItem } from '../../src/normalize/index.ts';
import { parseFeed } from '../../src/parse/index.ts';
import { openStore, type FilingEntry } from '../../src/store/index.ts';

const NEWS = fileURLToPath(new URL('../../test/fixtures/feeds/news/', import.meta.url));
// Summaries and content cut to about this many characters, so 50 items make a region feed of about 60 KB.
const SUMMARY_CHARS = 200;
const CONTENT_CHARS = 300;
const BATCH = 200;

function fixtureItems(): StoryItem[] {
  const source = {
    id: 'fixture',
    url: 'https://fixture.example/feed',
    title: 'fixture',
    language: 'en',
    defaultCountries: [],
    defaultRegions: [],
    pollIntervalMinutes: 10,
  } as Source;
  return readdirSync(NEWS).flatMap((file) => {
    const feed = parseFeed(readFileSync(path.join(NEWS, file)), { url: source.url, contentType: undefined });
    return normalizeFeed(feed, source, new Date('2026-01-01T00:00:00Z')).map((item) => sanitizeItem(item));
  });
}

function cutText(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const space = text.lastIndexOf(' ', chars);
  return `${text.slice(0, space > chars / 2 ? space : chars)}…`;
}

function cut(html: string | undefined): string | undefined {
  if (!html || html.length <= CONTENT_CHARS) return html;
  const end = html.indexOf('</p>', CONTENT_CHARS);
  return end > 0 ? html.slice(0, end + 4) : undefined;
}

/** `count` stories, newest first a minute apart, each in `world` and one region, about one of its countries. */
export function benchStories(config: Config, count: number): Story[] {
  const items = fixtureItems();
  const regions = config.regions.filter((region) => !region.everything && region.countries.size > 0);
  const sources = config.sources;
  return Array.from({ length: count }, (_, n) => {
    const base = items[n % items.length] as StoryItem;
    const region = regions[n % regions.length] as (typeof regions)[number];
    const countries = [...region.countries];
    const country = countries[(n * 7) % countries.length] as string;
    const id = `bench-${String(n).padStart(6, '0')}`;
    const published = new Date(Date.parse('2026-01-10T00:00:00Z') - n * 60_000).toISOString();
    const link = `${base.link ?? 'https://news.example/story'}${base.link?.includes('?') ? '&' : '?'}n=${n}`;
    const source = sources[n % sources.length] as Source;
    const contentHtml = cut(base.contentHtml);
    const summary = cutText(base.summary, SUMMARY_CHARS);
    const item: StoryItem = {
      ...base,
      summary,
      id,
      sourceId: source.id,
      guid: link,
      link,
      url: link,
      published,
      language: source.language,
      ...(contentHtml ? { contentHtml } : { contentHtml: undefined }),
    };
    const copies = n % 3 === 0 ? [{ itemId: `${id}-copy`, sourceId: (sources[(n + 1) % sources.length] as Source).id, link: `${link}&copy=1`, published }] : [];
    return {
      id,
      item,
      countries: [country],
      regions: ['world', region.id],
      evidence: [{ country, kind: 'dateline', match: country, weight: 3 }],
      copies,
      firstSeen: published,
    };
  });
}

/** Files the stories into the embedded store under `dataDir`, as the worker would. */
export async function fillStore(dataDir: string, stories: Story[]): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    for (let at = 0; at < stories.length; at += BATCH) {
      const entries: FilingEntry[] = stories.slice(at, at + BATCH).map((story) => ({
        kind: 'new',
        story,
        itemKey: `item:${story.id}`,
        identityKeys: [`url:${story.item.url}`],
        fingerprint: { bandKeys: [], signature: new Uint8Array() },
        bandHolders: [],
      }));
      const outcome = await store.fileSource({
        state: { sourceId: 'bench', consecutiveFailures: 0, itemsSeen: 0 },
        entries,
        window: { now: new Date(), hours: 72 },
      });
      if (!outcome.filed) throw new Error(`bench: filing conflicted: ${outcome.conflict}`);
    }
  } finally {
    await store.close();
  }
}
