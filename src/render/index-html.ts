import { escapeUTF8 as esc } from 'entities';
import type { FirstRunGuidance } from '../domain/index.ts';
import type { IndexRegion } from './feed-view.ts';
import { renderPage, subscribeButtons } from './pages/layout.ts';
import type { HomeView, PageContext } from './pages/page-view.ts';
import { regionPath } from './pages/paths.ts';
import { storyCard } from './pages/story-card.ts';

/** The home page: every region with its newest headlines, a link to its page and its feeds. No scripts, no external assets. */
export function renderIndexHtml(view: HomeView): string {
  const ctx: PageContext = { ...view, nav: view.regions };
  const outlets = view.sources.size === 1 ? '1 outlet' : `${view.sources.size} outlets`;
  const notice = view.notice ? `<p class="panel notice" role="note">${esc(view.notice)}</p>\n` : '';
  const main = `${notice}<div class="page-head">
<h1>Latest headlines</h1>
<p class="lede">News-wire stories from ${outlets}, each shown once however many carry it, sorted into regions by the countries they are about.</p>
<ul class="subscribe" aria-label="Subscribe to every region"><li><a href="${esc(view.opmlUrl)}" type="text/x-opml">Every region (OPML)</a></li></ul>
</div>
${view.firstRun ? firstRunSection(view.firstRun) : `<div class="regions">\n${view.regions.map((region) => regionSection(region, ctx)).join('\n')}\n</div>`}`;
  return renderPage(ctx, { discovery: view.regions.map((region) => ({ title: region.title, feeds: region.feeds })), main });
}

// In place of empty regions: which sources failed and why, and what to check, as the log says it.
function firstRunSection(guidance: FirstRunGuidance): string {
  const sources = guidance.sources.map(
    (source) => `<li><strong>${esc(source.title)}</strong> (${esc(source.sourceId)}): ${esc(source.label)}: <code>${esc(source.error)}</code></li>`,
  );
  return `<section class="panel first-run" aria-labelledby="first-run">
<h2 id="first-run">No source has answered yet</h2>
<p>Every configured source was polled and none answered, so there are no stories to show.</p>
<ul class="first-run-sources">
${sources.join('\n')}
</ul>
<h3>What to check</h3>
<ul class="first-run-advice">
${guidance.advice.map((line) => `<li>${esc(line)}</li>`).join('\n')}
</ul>
<p>Sources are polled again on their own: stories show here as soon as one answers.</p>
</section>`;
}

function regionSection(region: IndexRegion, ctx: PageContext): string {
  const headingId = `region-${esc(region.id)}`;
  const href = esc(regionPath(region.id));
  const headlines =
    region.headlines.length === 0
      ? '<p class="empty">No stories yet.</p>'
      : `<ol class="stories">\n${region.headlines.map((story) => storyCard(story, ctx, { level: 3, summary: false })).join('\n')}\n</ol>`;
  return `<section class="panel region" aria-labelledby="${headingId}">
<h2 id="${headingId}"><a href="${href}">${esc(region.title)}</a></h2>
<p class="desc">${esc(region.description)}</p>
${headlines}
<div class="region-foot">
<a class="more" href="${href}">More ${esc(region.title)} stories →</a>
${subscribeButtons(region.feeds, region.title)}
</div>
</section>`;
}
