/** Writes served documents: RSS 2.0, Atom 1.0, JSON Feed 1.1, OPML and the HTML index page. */
export { renderRss } from './rss.ts';
export { renderAtom } from './atom.ts';
export { renderJsonFeed, JSON_FEED_VERSION } from './json-feed.ts';
export { COUNTRY_SCHEME, REGION_SCHEME } from './story-entry.ts';
export { renderOpml } from './opml.ts';
export { renderIndexHtml } from './index-html.ts';
export type { FeedView, FeedLinks, FeedLink, OpmlMeta, SourceRef, IndexView, IndexRegion } from './feed-view.ts';
