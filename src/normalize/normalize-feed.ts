import type { Enclosure, Item, PublisherHtml, Source } from '../domain/index.ts';
import type { ParsedFeed, RawEntry } from '../parse/index.ts';
import { resolveUrl } from './canonical-url.ts';
import { htmlToLine, htmlToText, textToLine, truncateAtWord } from './html-text.ts';
import { identifyFeed, TITLE_CHARS, validLanguage, type FeedContext, type IdentifiedEntry, type IdentifiedFeed } from './identify-feed.ts';

const SUMMARY_CHARS = 300;
const SUMMARY_HTML_WINDOW = 6000;

/**
 * Turns a parsed feed's entries into domain Items; entries without a link keep none (never the feed's).
 * Their content stays as published until sanitizeItem makes it safe to serve.
 */
export function normalizeFeed(feed: ParsedFeed, source: Source, now: Date): Item[] {
  return completeItems(identifyEntries(feed, source, now));
}

/** Every entry's id, link and dates, its content not read yet, at most `maxEntries` of them: see completeItems. */
export function identifyEntries(feed: ParsedFeed, source: Source, now: Date, maxEntries?: number): IdentifiedFeed {
  return identifyFeed(feed, source, now, (entry) => htmlToText(contentHtmlOf(entry)), maxEntries);
}

/**
 * The Items of the identified entries `wanted` says to keep (all by default): plain text, summary,
 * media and people. The worker passes the entries the store does not hold yet.
 */
export function completeItems(identified: IdentifiedFeed, wanted: (id: string) => boolean = () => true): Item[] {
  return identified.entries.flatMap((entry) => {
    const item = wanted(entry.id) ? completeEntry(entry, identified.context) : undefined;
    return item ? [item] : [];
  });
}

// The full content when the entry has one, else its summary.
function contentHtmlOf(entry: RawEntry): string | undefined {
  return entry.contentHtml ?? entry.summaryHtml;
}

function completeEntry(identified: IdentifiedEntry, { source, feed, language }: FeedContext): Item | undefined {
  const { entry, base, link } = identified;
  const contentSource = contentHtmlOf(entry);
  const text = identified.text ?? htmlToText(contentSource);
  // Usually only one of the two is present: its text is already known.
  const summarySource = entry.summaryHtml ?? entry.contentHtml;
  const summary = truncateAtWord(summarySource === contentSource ? text : summaryText(summarySource), SUMMARY_CHARS);
  const title = identified.title || truncateAtWord(textToLine(text), TITLE_CHARS);
  // Nothing to show or link to (e.g. an entry holding only a GeoRSS point).
  if (!title && !link) return undefined;
  const enclosures = entryEnclosures(entry.enclosures, base);
  const item: Item = {
    id: identified.id,
    sourceId: source.id,
    guid: identified.guid,
    link,
    url: identified.url,
    title,
    summary,
    publisherHtml: publisherHtml(contentSource, base),
    text,
    published: identified.published,
    dateFallback: identified.dateFallback,
    author:
      entry.authors
        .map((author) => htmlToLine(author))
        .filter(Boolean)
        .join(', ') ||
      htmlToLine(feed.author) ||
      undefined,
    categories: [...new Set(entry.categories.map((category) => htmlToLine(category)).filter(Boolean))],
    language: entry.language === feed.language ? language : (validLanguage(entry.language) ?? language),
    image: entryImage(entry, enclosures, base),
    enclosures,
    geo: entry.geo,
  };
  return dropUndefined(item);
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

function publisherHtml(html: string | undefined, base: string): PublisherHtml | undefined {
  return html?.trim() ? { html, base } : undefined;
}

function entryEnclosures(raw: Enclosure[], base: string): Enclosure[] {
  return raw.flatMap((enclosure) => {
    const url = resolveUrl(enclosure.url, base);
    if (!url) return [];
    const length = enclosure.length !== undefined && Number.isFinite(enclosure.length) && enclosure.length > 0 ? enclosure.length : undefined;
    return [dropUndefined({ url, type: enclosure.type?.trim() || undefined, length })];
  });
}

// The entry's own pictures first, the widest when widths are given (else the first listed); an
// image enclosure is one of them. Thumbnails and podcast artwork only when it has none.
function entryImage(entry: RawEntry, enclosures: Enclosure[], base: string): string | undefined {
  const imageEnclosures = enclosures.filter((enclosure) => enclosure.type?.startsWith('image/'));
  const pictures = [...entry.images, ...imageEnclosures.map(({ url }) => ({ url, width: undefined }))];
  // A stable sort: pictures of equal or unknown width keep the feed's order.
  const widestFirst = pictures.sort((a, b) => (b.width ?? 0) - (a.width ?? 0)).map((picture) => picture.url);
  for (const candidate of [...widestFirst, ...entry.thumbnails]) {
    const url = resolveUrl(candidate, base);
    if (url) return url;
  }
  return undefined;
}

// Absent optional fields stay absent in JSON and in toEqual comparisons.
function dropUndefined<T extends object>(value: T): T {
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return value;
}
