import { DetectError, MalformedError, ParseError as FeedsmithParseError, parseFeed as parseAnyFeed, type AnyFeed } from 'feedsmith';
import { ParseError } from '../domain/index.ts';
import { fromAtom } from './atom.ts';
import { decodeText } from './decode-text.ts';
import { fromJson } from './json.ts';
import { fromRdf } from './rdf.ts';
import { repairXml, stripControlChars } from './repair-xml.ts';
import { fromRss } from './rss.ts';
import type { ParsedFeed, RawEntry } from './types.ts';

/** Where a document came from: its URL (after redirects) and HTTP Content-Type, if any. */
export interface DocumentMeta {
  url: string;
  contentType?: string;
}

const COMMENTS = /<!--[\s\S]*?(?:-->|$)/g;
const HTML_PAGE = /^(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;

/**
 * Parses a feed document of any supported format into a ParsedFeed.
 * Throws ParseError: 'empty', 'not-a-feed' (an HTML page, JSON or XML of another kind), 'invalid-xml'.
 */
export function parseFeed(body: Uint8Array, meta: DocumentMeta): ParsedFeed {
  const decoded = decodeText(body, meta.contentType);
  // XML forbids them and feedsmith would pass them through into titles; they never carry meaning.
  const { text, removed } = stripControlChars(decoded.text);
  const bare = text.replace(COMMENTS, '').trim();
  if (!bare) throw new ParseError(`parse: empty document at ${meta.url}`, 'empty');
  const parsed = parseLeniently(text, meta.url);
  const feed = toParsedFeed(parsed.feed, meta.url);
  const entries = feed.entries.map(withGuidLink);
  const warnings = [...decoded.warnings, ...parsed.warnings];
  if (removed) warnings.push(`parse: removed ${removed} control characters`);
  return { ...feed, entries, warnings };
}

// feedsmith first as published; on malformed XML, once more after lenient fixes.
function parseLeniently(text: string, url: string): { feed: AnyFeed; warnings: string[] } {
  try {
    return { feed: parseAnyFeed(text), warnings: [] };
  } catch (error) {
    if (error instanceof DetectError || (error instanceof FeedsmithParseError && isHtmlPage(text))) {
      throw notAFeed(text, url, error);
    }
    if (error instanceof FeedsmithParseError) {
      throw new ParseError(`parse: empty feed (no channel or entries) at ${url}`, 'empty', { cause: error });
    }
    if (!(error instanceof MalformedError)) throw error;
    const repaired = repairXml(text);
    if (repaired.fixes.length === 0) throw invalidXml(url, error);
    try {
      const feed = parseAnyFeed(repaired.text);
      return { feed, warnings: [`parse: recovered malformed XML (${repaired.fixes.join(', ')})`] };
    } catch (retryError) {
      throw invalidXml(url, retryError);
    }
  }
}

// An entry without a link whose guid is a web address (RSS permalink guid, Atom id, JSON id) lives there.
function isHtmlPage(text: string): boolean {
  return HTML_PAGE.test(text.replace(COMMENTS, '').trim());
}

function withGuidLink(entry: RawEntry): RawEntry {
  if (entry.links.length > 0 || !entry.guid || !/^https?:\/\/\S+$/i.test(entry.guid)) return entry;
  return { ...entry, links: [{ href: entry.guid }] };
}

// Asked only after feedsmith found no feed: an Atom feed wrapped in XHTML still parses.
function notAFeed(text: string, url: string, cause: unknown): ParseError {
  const what = isHtmlPage(text)
    ? 'an HTML page'
    : /^\s*[{[]/.test(text)
      ? 'JSON that is not a JSON Feed'
      : 'no RSS, Atom or RDF root element';
  return new ParseError(`parse: not a feed (${what}) at ${url}`, 'not-a-feed', { cause });
}

function invalidXml(url: string, cause: unknown): ParseError {
  const detail = cause instanceof Error && cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  return new ParseError(`parse: invalid XML at ${url}${detail}`, 'invalid-xml', { cause });
}

function toParsedFeed(parsed: AnyFeed, url: string): ParsedFeed {
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed, url);
    case 'atom':
      return fromAtom(parsed.feed, url);
    case 'rdf':
      return fromRdf(parsed.feed, url);
    case 'json':
      return fromJson(parsed.feed, url);
  }
}
