import { DetectError, MalformedError, ParseError as FeedsmithParseError, parseFeed as parseAnyFeed, type AnyFeed } from 'feedsmith';
import { ParseError } from '../domain/index.ts';
import { closeAt, entryEnds, isTruncated, reparentEntries, rootFormat, rootName, unwrapEmbeddedFeed } from './recover-xml.ts';
import { repairXml } from './repair-xml.ts';
import { unsupported, unsupportedRoot } from './unsupported.ts';
import type { FeedFormat } from './types.ts';

/** feedsmith's verdict, or a recognised feed root with nothing feedsmith could read in it. */
export type LenientFeed = AnyFeed | { format: FeedFormat; feed: undefined };

const COMMENTS = /<!--[\s\S]*?(?:-->|$)/g;
const HTML_PAGE = /^(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;

/**
 * feedsmith on the document as published; when that fails, the lenient passes in turn: a feed
 * unwrapped from an XHTML page, a namespace-prefixed root, escaped bare `&` and `<`, and finally
 * the items before the fault of a truncated or broken document. Each pass used adds a warning.
 */
export function parseLeniently(published: string, url: string): { parsed: LenientFeed; warnings: string[] } {
  const warnings: string[] = [];
  let text = published;
  const unwrapped = unwrapEmbeddedFeed(text);
  if (unwrapped) {
    text = unwrapped;
    warnings.push('parse: feed read from inside an XHTML page');
  }
  const prefix = /^([\w.-]+):rss$/i.exec(rootName(text) ?? '')?.[1];
  if (prefix) {
    text = text.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1');
    warnings.push(`parse: namespace prefix "${prefix}:" removed from RSS elements`);
  }
  if (isTruncated(text)) {
    warnings.push('parse: document ends before its root element closes (truncated)');
    return { parsed: itemsBeforeFault(text, url, new Error('truncated')), warnings };
  }
  try {
    return { parsed: withSwallowedEntries(parseAnyFeed(text), text, warnings), warnings };
  } catch (error) {
    if (error instanceof DetectError || error instanceof FeedsmithParseError) return { parsed: withoutEntries(text, url, error), warnings };
    if (!(error instanceof MalformedError)) throw error;
    const repaired = repairXml(text);
    try {
      if (repaired.fixes.length === 0) throw error;
      const parsed = parseAnyFeed(repaired.text);
      warnings.push(`parse: recovered malformed XML (${repaired.fixes.join(', ')})`);
      return { parsed, warnings };
    } catch {
      warnings.push('parse: malformed XML, kept the entries before the fault');
      return { parsed: itemsBeforeFault(repaired.text, url, error), warnings };
    }
  }
}

// The XML parser accepts an element left open before the items and nests them inside it, so the
// feed comes out empty although the document plainly has items.
function withSwallowedEntries(parsed: AnyFeed, text: string, warnings: string[]): AnyFeed {
  if (entryCount(parsed) > 0 || parsed.format === 'json') return parsed;
  const reparented = reparentEntries(text);
  const again = reparented === undefined ? undefined : tryParse(reparented);
  if (!again || entryCount(again) === 0) return parsed;
  warnings.push('parse: closed elements left open before the first item');
  return again;
}

function entryCount(parsed: AnyFeed): number {
  return (parsed.format === 'atom' ? parsed.feed.entries?.length : parsed.feed.items?.length) ?? 0;
}

// The longest prefix ending after an item that parses, by bisection over the item ends.
function itemsBeforeFault(text: string, url: string, fault: unknown): AnyFeed {
  const ends = entryEnds(text);
  let best: AnyFeed | undefined;
  let low = 0;
  let high = ends.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const parsed = tryParse(closeAt(text, ends[mid]!));
    if (parsed) {
      best = parsed;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (!best) throw invalidXml(url, fault, 'no complete entry before the fault');
  return best;
}

function tryParse(text: string): AnyFeed | undefined {
  try {
    return parseAnyFeed(text);
  } catch {
    return undefined;
  }
}

// A well-formed <rss>, <feed> or <rdf:RDF> that holds no channel or entries is a feed with nothing in it yet;
// OPML, a sitemap and the like are documents wirefeed recognises but does not read.
function withoutEntries(text: string, url: string, cause: unknown): LenientFeed {
  const format = rootFormat(rootName(text));
  if (format && !isHtmlPage(text)) return { format, feed: undefined };
  const what = unsupportedRoot(text);
  if (what) throw unsupported(what, url, cause);
  throw notAFeed(text, url, cause);
}

/** True for an HTML page (a login wall, an error page) served instead of a feed. */
export function isHtmlPage(text: string): boolean {
  return HTML_PAGE.test(text.replace(COMMENTS, '').trim());
}

function notAFeed(text: string, url: string, cause: unknown): ParseError {
  const what = isHtmlPage(text) ? 'an HTML page' : /^\s*[{[]/.test(text) ? 'JSON that is not a JSON Feed' : 'no RSS, Atom or RDF root element';
  return new ParseError(`parse: not a feed (${what}) at ${url}`, 'not-a-feed', { cause });
}

function invalidXml(url: string, cause: unknown, why: string): ParseError {
  const detail = cause instanceof Error && cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  return new ParseError(`parse: invalid XML at ${url}${detail} (${why})`, 'invalid-xml', { cause });
}
