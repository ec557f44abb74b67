import type { DateFallback, Enclosure, Item, Source } from '../domain/index.ts';
import type { ParsedFeed, RawEntry } from '../parse/index.ts';
import { canonicalUrl, resolveUrl } from './canonical-url.ts';
import { htmlToLine, htmlToText, truncateAtWord } from './html-text.ts';
import { itemId } from './item-id.ts';
import { parseFeedDate } from './parse-date.ts';
import { sanitizeContent } from './sanitize-content.ts';

const SUMMARY_CHARS = 300;
// Titles made up from the text, for entries published without one.
const TITLE_CHARS = 120;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Turns a parsed feed's entries into domain Items; entries without a usable link are left out. */
export function normalizeFeed(feed: ParsedFeed, source: Source, now: Date): Item[] {
  const documentUrl = resolveUrl(feed.url, undefined) ?? source.url;
  // Relative links resolve against the feed's own link (itself resolved), then the document URL.
  const feedBase = resolveUrl(feed.base, documentUrl) ?? documentUrl;
  const base = resolveUrl(feed.link, feedBase) ?? feedBase;
  const context = { source, now, base, feed };
  return feed.entries.flatMap((entry) => {
    const item = normalizeEntry(entry, context);
    return item ? [item] : [];
  });
}

interface Context {
  source: Source;
  now: Date;
  base: string;
  feed: ParsedFeed;
}

function normalizeEntry(entry: RawEntry, { source, now, base: feedBase, feed }: Context): Item | undefined {
  const base = resolveUrl(entry.base, feedBase) ?? feedBase;
  const link = entryLink(entry, base);
  if (!link) return undefined;
  const url = canonicalUrl(link);
  const text = htmlToText(entry.contentHtml ?? entry.summaryHtml);
  const summary = truncateAtWord(htmlToText(entry.summaryHtml ?? entry.contentHtml), SUMMARY_CHARS);
  const title = htmlToLine(entry.title) || truncateAtWord(text, TITLE_CHARS);
  const date = publishedDate(entry, now);
  const contentSource = entry.contentHtml ?? entry.summaryHtml;
  const enclosures = entryEnclosures(entry.enclosures, base);
  const item: Item = {
    id: itemId(source.id, { guid: entry.guid, url, title, date: entry.published ?? entry.updated, text }),
    sourceId: source.id,
    guid: entry.guid?.trim() || undefined,
    link,
    url,
    title,
    summary,
    contentHtml: contentSource ? sanitizeContent(contentSource, base) || undefined : undefined,
    text,
    published: date.published,
    dateFallback: date.fallback,
    author: entry.authors.map((author) => htmlToLine(author)).filter(Boolean).join(', ') || htmlToLine(feed.author) || undefined,
    categories: [...new Set(entry.categories.map((category) => htmlToLine(category)).filter(Boolean))],
    language: entry.language ?? feed.language ?? source.language,
    image: entryImage(entry, enclosures, base),
    enclosures,
    geo: entry.geo,
  };
  return dropUndefined(item);
}

// The entry's own page: the first link without a rel or with rel="alternate", else any page-like link.
function entryLink(entry: RawEntry, base: string): string | undefined {
  const own = entry.links.filter((link) => !link.rel || link.rel === 'alternate');
  const others = entry.links.filter((link) => link.rel === 'related');
  for (const link of [...own, ...others]) {
    const resolved = resolveUrl(link.href, base);
    if (resolved) return resolved;
  }
  return undefined;
}

function publishedDate(entry: RawEntry, now: Date): { published: string; fallback?: DateFallback } {
  const date = parseFeedDate(entry.published) ?? parseFeedDate(entry.updated);
  if (!date) return { published: now.toISOString(), fallback: 'first-seen' };
  if (date.getTime() > now.getTime() + DAY_MS) return { published: now.toISOString(), fallback: 'future-clamped' };
  return { published: date.toISOString() };
}

function entryEnclosures(raw: Enclosure[], base: string): Enclosure[] {
  return raw.flatMap((enclosure) => {
    const url = resolveUrl(enclosure.url, base);
    if (!url) return [];
    const length = enclosure.length !== undefined && Number.isFinite(enclosure.length) && enclosure.length > 0 ? enclosure.length : undefined;
    return [dropUndefined({ url, type: enclosure.type?.trim() || undefined, length })];
  });
}

function entryImage(entry: RawEntry, enclosures: Enclosure[], base: string): string | undefined {
  for (const thumbnail of entry.thumbnails) {
    const url = resolveUrl(thumbnail, base);
    if (url) return url;
  }
  return enclosures.find((enclosure) => enclosure.type?.startsWith('image/'))?.url;
}

// Absent optional fields stay absent in JSON and in toEqual comparisons.
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
