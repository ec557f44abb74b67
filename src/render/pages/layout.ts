import { escapeUTF8 as esc } from 'entities';
import type { FeedLinks } from '../feed-view.ts';
import { PAGE_CSS } from '../index-css.ts';
import { FAVICON_SVG } from './favicon.ts';
import type { PageContext } from './page-view.ts';
import { regionPath } from './paths.ts';

/** A feed a page tells feed readers about, in every format. */
export interface Discovery {
  title: string;
  feeds: FeedLinks;
}

/** What one page puts into the shared frame. */
export interface PageParts {
  /** Shown before the site's title in the tab; the site's title alone when absent. */
  title?: string;
  /** Feeds autodiscovered from the page's head. */
  discovery: readonly Discovery[];
  /** The page's path, marked in the navigation bar when it is there. */
  current?: string;
  main: string;
}

const FORMATS = [
  { key: 'rss', type: 'application/rss+xml', name: 'RSS' },
  { key: 'atom', type: 'application/atom+xml', name: 'Atom' },
  { key: 'json', type: 'application/feed+json', name: 'JSON Feed' },
] as const;

/** A whole HTML document: head (autodiscovery, icons, inline style), masthead with the regions, the page, the footer. */
export function renderPage(ctx: PageContext, parts: PageParts): string {
  const title = parts.title === undefined ? esc(ctx.title) : `${esc(parts.title)} · ${esc(ctx.title)}`;
  const discovery = parts.discovery.flatMap(({ title: feed, feeds }) =>
    FORMATS.map((f) => `<link rel="alternate" type="${f.type}" title="${esc(`${feed} (${f.name})`)}" href="${esc(feeds[f.key])}">`),
  );
  const nav = ctx.nav.map((region) => {
    const href = regionPath(region.id);
    const current = href === parts.current ? ' aria-current="page"' : '';
    return `<li><a href="${esc(href)}"${current}>${esc(region.title)}</a></li>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#1d3f8f" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#14234a" media="(prefers-color-scheme: dark)">
<title>${title}</title>
${discovery.join('\n')}
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/icon.png">
<style>${PAGE_CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the stories</a>
<header class="masthead">
<div class="bar">
<a class="brand" href="/">${FAVICON_SVG.replace('<svg ', '<svg aria-hidden="true" focusable="false" ')}<span>${esc(ctx.title)}</span></a>
<nav aria-label="Regions"><ul>${nav.join('')}</ul></nav>
</div>
</header>
<main id="main">
${parts.main}
</main>
<footer class="site-foot">
<p>${esc(ctx.title)} re-serves news-wire stories once each, however many outlets carry them, sorted by the countries they are about. A time shows its date and UTC time when pointed at.
<a href="${esc(ctx.opmlUrl)}">All feeds (OPML)</a> · <a href="/api/openapi.json">JSON API</a> · <a href="/api/sources">Source status</a></p>
</footer>
</body>
</html>
`;
}

/** Subscribe buttons: the feed in each format, then the OPML of every region when given. */
export function subscribeButtons(feeds: FeedLinks, label: string, opmlUrl?: string): string {
  const buttons = FORMATS.map((f) => `<li><a href="${esc(feeds[f.key])}" type="${f.type}">${f.name}</a></li>`);
  if (opmlUrl !== undefined) buttons.push(`<li><a href="${esc(opmlUrl)}" type="text/x-opml">OPML</a></li>`);
  return `<ul class="subscribe" aria-label="${esc(`Subscribe to ${label}`)}">${buttons.join('')}</ul>`;
}
