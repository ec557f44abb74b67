/** Writes served documents: RSS 2.0, Atom 1.0, JSON Feed 1.1, OPML and the HTML pages. */
export { renderRss } from './rss.ts';
export { renderAtom } from './atom.ts';
export { renderJsonFeed, JSON_FEED_VERSION } from './json-feed.ts';
export { COUNTRY_SCHEME, REGION_SCHEME } from './story-entry.ts';
export { renderOpml } from './opml.ts';
export { renderIndexHtml } from './index-html.ts';
export { renderListingPage } from './pages/listing-page.ts';
export { renderEmbed } from './pages/embed.ts';
export { FAVICON_SVG, renderFaviconIco } from './pages/favicon.ts';
export { PAGE_CSP, EMBED_CSP } from './pages/csp.ts';
export { regionPath, countryPath, embedPath } from './pages/paths.ts';
export { EMBED_REFRESH_MINUTES } from './pages/embed-assets.ts';
export { relativeTime, wordingChangesAt, type RelativeTime } from './pages/relative-time.ts';
export type { FeedView, FeedLinks, FeedLink, OpmlMeta, SourceRef, IndexView, IndexRegion } from './feed-view.ts';
export type { PageContext, PageLink, HomeView, ListingPageView, EmbedView } from './pages/page-view.ts';
