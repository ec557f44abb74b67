import type { DateFallback, Source } from '../domain/index.ts';
import type { ParsedFeed, RawEntry } from '../parse/index.ts';
import { canonicalUrl, resolveUrl } from './canonical-url.ts';
import { newestEntries } from './entry-cap.ts';
import { htmlToLine, textToLine, truncateAtWord } from './html-text.ts';
import { itemId } from './item-id.ts';
import { parseFeedDate } from './parse-date.ts';
import { sharedGuids, sharedUrls, type LocatedEntry } from './shared-identifiers.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Length of a headline made up from the text, for entries published without one. */
export const TITLE_CHARS = 120;
/** Longest headline kept: beyond it a "title" is a pasted article or a broken feed. */
export const MAX_TITLE_CHARS = 500;

/** What every entry of a feed inherits: the source, the clock, the base URL and the feed's language. */
export interface FeedContext {
  source: Source;
  now: Date;
  base: string;
  feed: ParsedFeed;
  /** Guids the document gives to several different entries: they identify nothing. */
  sharedGuids: ReadonlySet<string>;
  /** Canonical URLs several different entries link to (a home page): they identify nothing either. */
  sharedUrls: ReadonlySet<string>;
  /** The feed's language, else the source's: what entries without their own inherit. */
  language: string;
}

/**
 * An entry read as far as its identity: its id, link and dates, without its content. Enough for the
 * worker to tell whether the store already holds it, so a re-fetched feed's known entries are never
 * read again (their plain text is most of normalize's cost).
 */
export interface IdentifiedEntry {
  id: string;
  entry: RawEntry;
  /** The entry's base URL (xml:base, else the feed's). */
  base: string;
  link?: string;
  url?: string;
  guid?: string;
  /** The headline as plain text; empty when the entry has none and its text was not read yet. */
  title: string;
  /** The entry's plain text, when its identity needed it. */
  text?: string;
  published: string;
  dateFallback?: DateFallback;
}

/** A feed's entries identified, in document order, with the context completing them needs. */
export interface IdentifiedFeed {
  context: FeedContext;
  entries: IdentifiedEntry[];
  /** Entries dropped over the per-document cap. */
  warnings: string[];
}

/**
 * Identifies every entry of a parsed feed. `textOf` gives an entry's plain text, needed only for the
 * id of an entry with no guid, link or date (and then computed once by the caller). At most
 * `maxEntries` entries are read (see newestEntries).
 */
export function identifyFeed(
  feed: ParsedFeed,
  source: Source,
  now: Date,
  textOf: (entry: RawEntry, base: string) => string,
  maxEntries = Infinity,
): IdentifiedFeed {
  const documentUrl = resolveUrl(feed.url, undefined) ?? source.url;
  // Relative links resolve against the document's xml:base (it says so explicitly), else the feed's
  // own link, else the document URL.
  const base = resolveUrl(feed.base, documentUrl) ?? resolveUrl(feed.link, documentUrl) ?? documentUrl;
  const language = validLanguage(feed.language) ?? source.language;
  // Each entry's base, link and URL are resolved once: the shared checks and the identity need them.
  const capped = newestEntries(feed.entries, maxEntries);
  const located = capped.entries.map((entry): LocatedEntry => {
    const entryBase = entry.base === undefined ? base : (resolveUrl(entry.base, base) ?? base);
    const link = entryLink(entry, entryBase);
    // A link is a URL parser's own serialization: without a query or fragment it is canonical already.
    return { entry, base: entryBase, link, url: link === undefined || !/[?#]/.test(link) ? link : canonicalUrl(link) };
  });
  const context: FeedContext = { source, now, base, feed, sharedGuids: sharedGuids(located), sharedUrls: sharedUrls(located), language };
  return { context, entries: belowDated(located.map((at) => identifyEntry(at, context, textOf))), warnings: capped.warnings };
}

// An entry with no date is stamped when first seen, but must not outrank the dated entries of the
// same fetch (a feed's undated evergreen page would sit above every story of the day): it is placed
// just below the oldest of them, and keeps its 'first-seen' mark.
function belowDated(entries: IdentifiedEntry[]): IdentifiedEntry[] {
  let oldest = Infinity;
  for (const entry of entries) if (!entry.dateFallback) oldest = Math.min(oldest, Date.parse(entry.published));
  if (oldest === Infinity) return entries;
  return entries.map((entry) => {
    if (entry.dateFallback !== 'first-seen' || Date.parse(entry.published) < oldest) return entry;
    return { ...entry, published: new Date(oldest - 1).toISOString() };
  });
}

function identifyEntry(located: LocatedEntry, context: FeedContext, textOf: (entry: RawEntry, base: string) => string): IdentifiedEntry {
  const { entry, base, link } = located;
  // A shared link stays the entry's link for readers, but is no identity.
  const url = located.url !== undefined && !context.sharedUrls.has(located.url) ? located.url : undefined;
  const guid = entry.guid?.trim() || undefined;
  const ownGuid = guid !== undefined && !context.sharedGuids.has(guid) ? guid : undefined;
  const headline = htmlToLine(entry.title);
  let title = headline.length > MAX_TITLE_CHARS ? truncateAtWord(headline, MAX_TITLE_CHARS) : headline;
  // The text is part of the id only when no guid or link identifies the entry and it lacks a date
  // or a headline (one made from the text then stands in): read it only then.
  const text = !ownGuid && !url && (!entry.published?.trim() || !title) ? textOf(entry, base) : undefined;
  if (!title && text) title = truncateAtWord(textToLine(text), TITLE_CHARS);
  // The published date only: an updated stamp changes with every edit.
  const id = itemId(context.source.id, { guid: ownGuid, url, title, date: entry.published, text: text ?? '' });
  return { id, entry, base, link, url, guid: ownGuid, title, text, ...publishedDate(entry, context.now) };
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

function publishedDate(entry: RawEntry, now: Date): { published: string; dateFallback?: DateFallback } {
  const date = parseFeedDate(entry.published) ?? parseFeedDate(entry.updated);
  if (!date) return { published: now.toISOString(), dateFallback: 'first-seen' };
  if (date.getTime() > now.getTime() + DAY_MS) return { published: now.toISOString(), dateFallback: 'future-clamped' };
  return { published: date.toISOString() };
}

/** A language tag as BCP 47 writes it ("en-GB"); CMS placeholders and free text are no language. */
export function validLanguage(tag: string | undefined): string | undefined {
  if (!tag?.trim()) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}
