import { ParseError } from '../domain/index.ts';
import { rootName } from './recover-xml.ts';

const USE_A_FEED = "use the site's RSS or Atom feed";

// Root elements (local name, case as the formats write them) of syndication and feed-list formats
// feedsmith does not read: what each is and what to do instead. A lowercase <channel> root is not
// here: that is more likely RSS without its <rss> wrapper than CDF.
const UNSUPPORTED_ROOTS = new Map<string, string>([
  ['opml', 'an OPML outline, which lists feeds: add the feeds it lists as sources'],
  ['urlset', `a sitemap, which lists pages, not news items: ${USE_A_FEED}`],
  ['sitemapindex', `a sitemap index, which lists sitemaps, not news items: ${USE_A_FEED}`],
  ['CHANNEL', `a Microsoft CDF channel, the 1997 Channel Definition Format: ${USE_A_FEED}`],
  ['scriptingNews', `a UserLand scriptingNews document, the 1997 predecessor of RSS: ${USE_A_FEED}`],
  ['entry', 'an Atom entry document, which holds one entry: add the feed it belongs to as the source'],
]);
const GOOGLE_NEWS_SITEMAP = `a Google News sitemap, which lists articles without their text: ${USE_A_FEED}`;

// The spec asks for `version` at the very top; a quoted key inside a JSON string is escaped, so never matches.
const JSON_FEED_VERSION = /"version"\s*:\s*"[^"]*jsonfeed\.org\/version\/([^"]*?)\/?"/i;

/** What an XML document of a syndication format wirefeed does not read is, and what to do; else undefined. */
export function unsupportedRoot(text: string): string | undefined {
  const local = rootName(text)?.split(':').pop();
  if (local === 'urlset' && text.includes('google.com/schemas/sitemap-news')) return GOOGLE_NEWS_SITEMAP;
  return local === undefined ? undefined : UNSUPPORTED_ROOTS.get(local);
}

/**
 * What a JSON Feed of a version other than 1.x is, and what to do; else undefined.
 * feedsmith reads any jsonfeed.org version URL as 1.x and drops the version. There is no version 2
 * yet; jsonfeed.org kept 1.1 a minor version because 1.0 readers can read it, so a new major version
 * would announce a shape 1.x readers misread (fields renamed or moved), and items with silently
 * missing or wrong fields are worse than a rejection that says what to do. Minor versions (1.2) are read.
 */
export function unsupportedJsonFeedVersion(text: string): string | undefined {
  const version = JSON_FEED_VERSION.exec(text)?.[1];
  if (version === undefined || /^1(?:\.\d+)*$/.test(version)) return undefined;
  return `JSON Feed version ${version}, not one of the 1.x versions wirefeed reads: ${USE_A_FEED}`;
}

/** The ParseError for a recognised document wirefeed does not read. */
export function unsupported(what: string, url: string, cause?: unknown): ParseError {
  return new ParseError(`parse: unsupported document (${what}) at ${url}`, 'unsupported', { cause });
}
