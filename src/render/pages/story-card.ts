import { escapeUTF8 as esc } from 'entities';
import type { Copy, Story, StoryItem } from '../../domain/index.ts';
import { isWebUrl } from '../also-reported.ts';
import type { PageContext } from './page-view.ts';
import { countryPath } from './paths.ts';
import { absoluteTime, relativeTime } from './relative-time.ts';

/** How a story is shown: its heading level, and whether its summary is. */
export interface CardOptions {
  level: 2 | 3;
  summary: boolean;
}

// A language tag safe to write into a lang attribute as it is.
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** One story as a list item: headline, summary, outlet, time, countries and who else carried it. */
export function storyCard(story: Story, ctx: Pick<PageContext, 'sources' | 'countries' | 'now'>, options: CardOptions): string {
  const { item } = story;
  const lang = item.language && LANGUAGE.test(item.language) ? ` lang="${item.language}"` : '';
  const title = esc(item.title);
  const headline = isWebUrl(item.link) ? `<a href="${esc(item.link)}">${title}</a>` : title;
  const summary = options.summary && item.summary && item.summary !== item.title ? `\n<p class="summary"${lang}>${esc(item.summary)}</p>` : '';
  const source = esc(ctx.sources.get(item.sourceId)?.title ?? item.sourceId);
  return `<li class="story">
<h${options.level} class="headline"${lang}>${headline}</h${options.level}>${summary}
<div class="meta"><span class="source">${source}</span> ${timeTag(item, ctx.now)}${countryLinks(story.countries, ctx.countries)}</div>${alsoReported(story, ctx)}
</li>`;
}

/** The item's time as a reader says it ("12 min ago"), with the exact UTC time in `datetime` and a tooltip. */
export function timeTag(item: Pick<StoryItem, 'published' | 'dateFallback'>, now: Date): string {
  const date = new Date(item.published);
  if (Number.isNaN(date.getTime())) return '<span class="time">date unknown</span>';
  const { text } = relativeTime(date, now);
  const exact = absoluteTime(date);
  // An item the publisher did not date (or dated in the future) carries the time wirefeed first saw it: say so.
  const tip = item.dateFallback ? `${exact}: first seen by wirefeed (${fallbackReason(item.dateFallback)})` : exact;
  const shown = item.dateFallback ? `seen ${text}` : text;
  return `<time datetime="${date.toISOString()}" title="${esc(tip)}">${esc(shown)}</time>`;
}

function fallbackReason(fallback: NonNullable<StoryItem['dateFallback']>): string {
  return fallback === 'first-seen' ? 'the publisher gave no date' : "the publisher's date was in the future";
}

function countryLinks(codes: readonly string[], names: ReadonlyMap<string, string>): string {
  if (codes.length === 0) return '';
  const items = codes.map((code) => {
    const name = names.get(code);
    return name === undefined ? `<li>${esc(code)}</li>` : `<li><a href="${esc(countryPath(code))}">${esc(name)}</a></li>`;
  });
  return ` <ul class="countries" aria-label="Countries">${items.join('')}</ul>`;
}

// "Also reported by 2 outlets: NHK World, ABC": each other outlet once, linked to its copy when it has a web link.
function alsoReported(story: Story, ctx: Pick<PageContext, 'sources'>): string {
  const outlets = new Map<string, Copy>();
  for (const copy of story.copies) {
    if (copy.sourceId !== story.item.sourceId && !outlets.has(copy.sourceId)) outlets.set(copy.sourceId, copy);
  }
  if (outlets.size === 0) return '';
  const names = [...outlets.values()].map((copy) => {
    const name = esc(ctx.sources.get(copy.sourceId)?.title ?? copy.sourceId);
    return isWebUrl(copy.link) ? `<a href="${esc(copy.link)}">${name}</a>` : name;
  });
  const count = outlets.size === 1 ? '1 outlet' : `${outlets.size} outlets`;
  return `\n<p class="also">Also reported by ${count}: ${names.join(', ')}</p>`;
}
