import { escapeUTF8 as esc } from 'entities';
import type { Story } from '../../domain/index.ts';
import { isWebUrl } from '../also-reported.ts';
import { EMBED_CSS, EMBED_SCRIPT } from './embed-assets.ts';
import type { EmbedView } from './page-view.ts';
import { timeTag } from './story-card.ts';

// Every link leaves the iframe: a click opens the story (or the region page) in a new tab, not in the sidebar.
const OUT = 'target="_blank" rel="noopener"';

/** The compact list a news site embeds with one `<iframe>`: headlines, outlets and times; it refreshes itself. */
export function renderEmbed(view: EmbedView): string {
  const list =
    view.stories.length === 0
      ? '<ol id="stories"><li class="empty">No stories yet.</li></ol>'
      : `<ol id="stories">\n${view.stories.map((story) => embedItem(story, view)).join('\n')}\n</ol>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${esc(`${view.heading} · ${view.title}`)}</title>
<style>${EMBED_CSS}</style>
</head>
<body>
<header><a href="${esc(view.pageUrl)}" ${OUT}>${esc(view.heading)}</a><span>${esc(view.title)}</span></header>
${list}
<footer>Follow: <a href="${esc(view.feeds.rss)}" ${OUT}>RSS</a> · <a href="${esc(view.feeds.atom)}" ${OUT}>Atom</a> · <a href="${esc(view.feeds.json)}" ${OUT}>JSON Feed</a></footer>
<script>${EMBED_SCRIPT}</script>
</body>
</html>
`;
}

function embedItem(story: Story, view: EmbedView): string {
  const { item } = story;
  const title = esc(item.title);
  const headline = isWebUrl(item.link) ? `<a href="${esc(item.link)}" ${OUT}>${title}</a>` : title;
  const source = esc(view.sources.get(item.sourceId)?.title ?? item.sourceId);
  return `<li>${headline}<span class="meta">${source} · ${timeTag(item, view.now)}</span></li>`;
}
