import { escapeUTF8 as esc } from 'entities';
import { renderPage, subscribeButtons } from './layout.ts';
import type { ListingPageView } from './page-view.ts';
import { storyCard } from './story-card.ts';

/** A region's or a country's page: its latest stories, its feeds, paging links and the pages next to it. No scripts. */
export function renderListingPage(view: ListingPageView): string {
  const stories =
    view.stories.length === 0
      ? `<p class="empty">No stories about ${esc(view.heading)} yet.</p>`
      : `<ol class="stories">\n${view.stories.map((story) => storyCard(story, view, { level: 2, summary: true })).join('\n')}\n</ol>`;
  const main = `<div class="page-head">
<h1>${esc(view.heading)}</h1>
<p class="lede">${esc(view.description)}</p>
${subscribeButtons(view.feeds, view.heading, view.opmlUrl)}
</div>
<div class="listing">
<section class="panel" aria-label="${esc(`Latest stories: ${view.heading}`)}">
${stories}
${pager(view)}
</section>
${aside(view)}
</div>`;
  return renderPage(view, { title: view.heading, discovery: [{ title: view.heading, feeds: view.feeds }], current: view.href, main });
}

function pager(view: ListingPageView): string {
  if (view.newestUrl === undefined && view.olderUrl === undefined) return '';
  const newest = view.newestUrl === undefined ? '' : `<a class="newest" href="${esc(view.newestUrl)}">← Newest stories</a>`;
  const older = view.olderUrl === undefined ? '' : `<a class="older" href="${esc(view.olderUrl)}" rel="next">Older stories →</a>`;
  return `<nav class="pager" aria-label="Pages">${newest}${older}</nav>`;
}

function aside(view: ListingPageView): string {
  const parts: string[] = [];
  if (view.related && view.related.links.length > 0) {
    const links = view.related.links.map((link) => `<li><a href="${esc(link.href)}">${esc(link.title)}</a></li>`);
    parts.push(`<h2>${esc(view.related.label)}</h2>\n<ul>${links.join('')}</ul>`);
  }
  if (view.embedUrl !== undefined) {
    parts.push(`<h2>On your site</h2>
<p class="hint">These headlines in your sidebar, updating themselves:</p>
<pre class="snippet"><code>${esc(embedSnippet(view.embedUrl, view.heading))}</code></pre>`);
  }
  return parts.length === 0 ? '' : `<aside aria-label="More">\n${parts.join('\n')}\n</aside>`;
}

/** The one line a news site pastes to show the embed: the same as the README's. */
export function embedSnippet(url: string, heading: string): string {
  return `<iframe src="${url}" title="${heading} headlines" width="320" height="480" style="border:0" loading="lazy"></iframe>`;
}
