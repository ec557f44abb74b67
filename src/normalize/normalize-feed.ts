import type { DateFallback, Enclosure, Item, Source } from '../domain/index.ts';
import type { ParsedFeed, RawEntry } from '../parse/index.ts';
import { canonicalUrl, resolveUrl } from './canonical-url.ts';
import { htmlToLine, htmlToText, truncateAtWord } from './html-text.ts';
import { itemId } from './item-id.ts';
import { parseFeedDate } from './parse-date.ts';
import { sanitizeContent } from './sanitize-content.ts';

const SUMMARY_CHARS = 300;
const SUMMARY_HTML_WINDOW = 6000;
// Titles made up from the text, for entries published without one.
const TITLE_CHARS = 120;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Turns a parsed feed's entries into domain Items; entries without a link keep none (never the feed's). */
export function normalizeFeed(feed: ParsedFeed, source: Source, now: Date): Item[] {
  const documentUrl = resolveUrl(feed.url, undefined) ?? source.url;
  // Relative links resolve against the feed's own link (itself resolved), then the document URL.
  const feedBase = resolveUrl(feed.base, documentUrl) ?? documentUrl;
  const base = resolveUrl(feed.link, feedBase) ?? feedBase;
  const context = { source, now, base, feed, sharedGuids: sharedGuids(feed.entries, base), language: validLanguage(feed.language) ?? source.language };
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
  /** Guids the document gives to several different entries: they identify nothing. */
  sharedGuids: ReadonlySet<string>;
  /** The feed's language, else the source's: what entries without their own inherit. */
  language: string;
}

// A CMS that stamps one guid on every item would otherwise collapse the feed into one story.
function sharedGuids(entries: RawEntry[], base: string): Set<string> {
  const linkByGuid = new Map<string, string | undefined>();
  const shared = new Set<string>();
  for (const entry of entries) {
    const guid = entry.guid?.trim();
    if (!guid) continue;
    const link = entryLink(entry, resolveUrl(entry.base, base) ?? base);
    if (linkByGuid.has(guid) && (linkByGuid.get(guid) !== link || link === undefined)) shared.add(guid);
    linkByGuid.set(guid, link);
  }
  return shared;
}

function normalizeEntry(entry: RawEntry, { source, now, base: feedBase, feed, sharedGuids, language }: Context): Item | undefined {
  const base = resolveUrl(entry.base, feedBase) ?? feedBase;
  const link = entryLink(entry, base);
  const url = link === undefined ? undefined : canonicalUrl(link);
  const guid = entry.guid?.trim() || undefined;
  const ownGuid = guid !== undefined && !sharedGuids.has(guid) ? guid : undefined;
  const contentSource = entry.contentHtml ?? entry.summaryHtml;
  const content = contentSource ? sanitizeContent(contentSource, base) : { html: '', text: '' };
  const text = content.text;
  // Usually only one of the two is present: its text is already known.
  const summarySource = entry.summaryHtml ?? entry.contentHtml;
  const summary = truncateAtWord(summarySource === contentSource ? text : summaryText(summarySource), SUMMARY_CHARS);
  const title = htmlToLine(entry.title) || truncateAtWord(text, TITLE_CHARS);
  // Nothing to show or link to (e.g. an entry holding only a GeoRSS point).
  if (!title && !link) return undefined;
  const date = publishedDate(entry, now);
  const enclosures = entryEnclosures(entry.enclosures, base);
  const item: Item = {
    // The published date only: an updated stamp changes with every edit.
    id: itemId(source.id, { guid: ownGuid, url, title, date: entry.published, text }),
    sourceId: source.id,
    guid: ownGuid,
    link,
    url,
    title,
    summary,
    contentHtml: content.html || undefined,
    text,
    published: date.published,
    dateFallback: date.fallback,
    author: entry.authors.map((author) => htmlToLine(author)).filter(Boolean).join(', ') || htmlToLine(feed.author) || undefined,
    categories: [...new Set(entry.categories.map((category) => htmlToLine(category)).filter(Boolean))],
    language: entry.language === feed.language ? language : (validLanguage(entry.language) ?? language),
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

// Only the summary's first sentences are kept, so long show notes are read only as far as needed:
// cut before a tag (never inside one) and read in full only when the head has too little text.
function summaryText(html: string | undefined): string {
  if (!html || html.length <= SUMMARY_HTML_WINDOW) return htmlToText(html);
  const tag = html.lastIndexOf('<', SUMMARY_HTML_WINDOW);
  const head = html.slice(0, tag > 0 ? tag : SUMMARY_HTML_WINDOW);
  const text = htmlToText(head);
  return text.length > SUMMARY_CHARS ? text : htmlToText(html);
}

// A language tag as BCP 47 writes it ("en-GB"); CMS placeholders and free text are no language.
function validLanguage(tag: string | undefined): string | undefined {
  if (!tag?.trim()) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
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
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return value;
}
