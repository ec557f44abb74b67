import { ParseError } from '../domain/index.ts';
import { fromAtom } from './atom.ts';
import { decodeText } from './decode-text.ts';
import { dropEmptyEntries } from './empty-entries.ts';
import { fromJson } from './json.ts';
import { parseLeniently, type LenientFeed } from './lenient-parse.ts';
import { trimGeoRss } from './georss-padding.ts';
import { fromRdf } from './rdf.ts';
import { rootTag } from './recover-xml.ts';
import { stripControlChars } from './repair-xml.ts';
import { fromRss } from './rss.ts';
import type { ParsedFeed, RawEntry } from './types.ts';
import { unsupported, unsupportedJsonFeedVersion } from './unsupported.ts';

/** Where a document came from: its URL (after redirects) and HTTP Content-Type, if any. */
export interface DocumentMeta {
  url: string;
  contentType?: string;
}

const LEADING_BLANK = /^(?:\s+|<!--[\s\S]*?(?:-->|$))*/;

/**
 * Parses a feed document of any supported format into a ParsedFeed, recovering what it can from
 * broken XML (see parseLeniently; every recovery is a warning on the result).
 * Entries that hold nothing at all are dropped, with a warning.
 * Throws ParseError: 'empty', 'not-a-feed' (an HTML page, JSON or XML of another kind), 'invalid-xml',
 * 'unsupported' (OPML, a sitemap, another syndication format wirefeed recognises but does not read).
 */
export function parseFeed(body: Uint8Array, meta: DocumentMeta): ParsedFeed {
  const decoded = decodeText(body, meta.contentType);
  // XML forbids them and feedsmith would pass them through into titles; they never carry meaning.
  const { text, removed } = stripControlChars(decoded.text);
  // Whitespace and comments only (read from the start, so a real feed costs nothing here).
  if (LEADING_BLANK.exec(text)?.[0].length === text.length) throw new ParseError(`parse: empty document at ${meta.url}`, 'empty');
  const { parsed, warnings: recovered } = parseLeniently(trimGeoRss(text), meta.url);
  const unreadVersion = parsed.format === 'json' ? unsupportedJsonFeedVersion(text) : undefined;
  if (unreadVersion) throw unsupported(unreadVersion, meta.url);
  const feed = toParsedFeed(parsed, meta.url, text);
  const warnings = [...decoded.warnings, ...recovered, ...versionWarning(parsed, text)];
  if (removed) warnings.push(`parse: removed ${removed} control characters`);
  const { entries, skipped } = dropEmptyEntries(feed.entries, text);
  if (skipped) warnings.push(`parse: skipped ${skipped} ${skipped === 1 ? 'entry' : 'entries'} with no title, link or content`);
  else if (entries.length === 0) warnings.push('parse: the feed has no entries');
  return { ...feed, entries: entries.map(withGuidLink), warnings };
}

// RSS readers guess the dialect from the version; one without says nothing, and is read as 2.0.
function versionWarning(parsed: LenientFeed, text: string): string[] {
  if (parsed.format !== 'rss') return [];
  const tag = rootTag(text);
  return tag && /^<(?:[\w.-]+:)?rss\b/i.test(tag) && !/\sversion\s*=/.test(tag) ? ['parse: <rss> has no version attribute, read as RSS 2.0'] : [];
}

// An entry without a link whose guid is a web address (RSS permalink guid, Atom id, JSON id) lives there.
function withGuidLink(entry: RawEntry): RawEntry {
  if (entry.links.length > 0 || !entry.guid || !/^https?:\/\/\S+$/i.test(entry.guid)) return entry;
  return { ...entry, links: [{ href: entry.guid }] };
}

function toParsedFeed(parsed: LenientFeed, url: string, text: string): ParsedFeed {
  if (parsed.feed === undefined) return { format: parsed.format, url, title: '', entries: [], warnings: [] };
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed, url, text);
    case 'atom':
      return fromAtom(parsed.feed, url);
    case 'rdf':
      return fromRdf(parsed.feed, url, text);
    case 'json':
      return fromJson(parsed.feed, url);
  }
}
