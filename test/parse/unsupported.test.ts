import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.ts';
import { parseError } from './parse-error.ts';

const URL_BASE = 'https://feeds.example.test/feed';
const USE_A_FEED = "use the site's RSS or Atom feed";

describe('parseFeed: recognised formats wirefeed does not read', () => {
  it.each([
    ['subscriptions.opml', 'an OPML outline, which lists feeds: add the feeds it lists as sources'],
    ['sitemap.xml', `a sitemap, which lists pages, not news items: ${USE_A_FEED}`],
    ['google-news-sitemap.xml', `a Google News sitemap, which lists articles without their text: ${USE_A_FEED}`],
    ['sitemap-index.xml', `a sitemap index, which lists sitemaps, not news items: ${USE_A_FEED}`],
    ['channel-definition.cdf', `a Microsoft CDF channel, the 1997 Channel Definition Format: ${USE_A_FEED}`],
    ['scripting-news.xml', `a UserLand scriptingNews document, the 1997 predecessor of RSS: ${USE_A_FEED}`],
    ['atom-entry.xml', 'an Atom entry document, which holds one entry: add the feed it belongs to as the source'],
    ['json-feed-version-2.json', `JSON Feed version 2, not one of the 1.x versions wirefeed reads: ${USE_A_FEED}`],
  ])('rejects %s as unsupported', (file, what) => {
    const error = parseError(readFileSync(new URL(`../fixtures/feeds/unsupported/${file}`, import.meta.url)));
    expect([error.kind, error.message]).toEqual(['unsupported', `parse: unsupported document (${what}) at ${URL_BASE}`]);
  });

  it.each([
    ['a namespace-prefixed root', '<o:opml xmlns:o="http://opml.org/spec2" version="2.0"><o:body/></o:opml>'],
    ['a broken document cut short', '<opml version="2.0"><body><outline text="A & B"'],
  ])('recognises OPML with %s', (_name, text) => {
    expect(parseError(text).kind).toBe('unsupported');
  });

  // A later minor version stays readable by 1.x readers, as 1.1 was for 1.0 readers.
  it.each(['https://jsonfeed.org/version/1', 'https://jsonfeed.org/version/1.1', 'https://jsonfeed.org/version/1.2/'])(
    'reads a JSON Feed of version %s',
    (version) => {
      const json = JSON.stringify({ version, title: 'T', items: [{ id: '1', url: 'https://x.test/1', title: 'A' }] });
      expect(parseFeed(new TextEncoder().encode(json), { url: URL_BASE }).entries.map((entry) => entry.title)).toEqual(['A']);
    },
  );

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Moved</body></html>', 'not-a-feed'],
    ['a lowercase <channel> root (headless RSS, not CDF)', '<channel><title>T</title><item><title>A</title></item></channel>', 'not-a-feed'],
    ['KML', '<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>', 'not-a-feed'],
    ['JSON with a version that is not a JSON Feed version', '{"version":"https://example.test/v2","title":"T","items":[]}', 'not-a-feed'],
  ])('keeps the class of %s', (_name, text, kind) => {
    expect(parseError(text).kind).toBe(kind);
  });
});
