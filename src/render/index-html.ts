import { escapeUTF8 as esc } from 'entities';
import type { Story } from '../domain/index.ts';
import { isWebUrl } from './also-reported.ts';
import type { IndexRegion, IndexView, SourceRef } from './feed-view.ts';
import { INDEX_CSS } from './index-css.ts';

/** The HTML home page: every region with its feed links and newest headlines. No scripts, no external assets. */
export function renderIndexHtml(view: IndexView): string {
  const discovery = view.regions.map(
    (region) =>
      `<link rel="alternate" type="application/rss+xml" title="${esc(region.title)}" href="${esc(region.feeds.rss)}">`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(view.title)}</title>
${discovery.join('\n')}
<style>${INDEX_CSS}</style>
</head>
<body>
<header>
<h1>${esc(view.title)}</h1>
<p>News-wire stories, deduplicated and sorted by the countries they are about.
<a href="${esc(view.opmlUrl)}">Subscribe to every region (OPML)</a></p>
</header>
<main>
${view.regions.map((region) => regionSection(region, view.sources)).join('\n')}
</main>
</body>
</html>
`;
}

function regionSection(region: IndexRegion, sources: ReadonlyMap<string, SourceRef>): string {
  const headingId = `region-${esc(region.id)}`;
  const headlines =
    region.headlines.length === 0
      ? '<p class="empty">No stories yet.</p>'
      : `<ol class="headlines">\n${region.headlines.map((story) => headline(story, sources)).join('\n')}\n</ol>`;
  return `<section aria-labelledby="${headingId}">
<h2 id="${headingId}">${esc(region.title)}</h2>
<p>${esc(region.description)}</p>
<ul class="formats" aria-label="${esc(region.title)} feeds">
<li><a href="${esc(region.feeds.rss)}" type="application/rss+xml">RSS</a></li>
<li><a href="${esc(region.feeds.atom)}" type="application/atom+xml">Atom</a></li>
<li><a href="${esc(region.feeds.json)}" type="application/feed+json">JSON Feed</a></li>
</ul>
${headlines}
</section>`;
}

function headline(story: Story, sources: ReadonlyMap<string, SourceRef>): string {
  const { item } = story;
  const title = esc(item.title);
  const link = isWebUrl(item.link) ? `<a href="${esc(item.link)}">${title}</a>` : title;
  const source = esc(sources.get(item.sourceId)?.title ?? item.sourceId);
  const when = new Date(item.published);
  const shown = `${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<li>${link} <span class="meta">${source} · <time datetime="${when.toISOString()}">${shown}</time></span></li>`;
}
