import { escapeText } from 'entities';
import type { Copy, DateFallback, Enclosure, Story } from '../domain/index.ts';
import { alsoReportedHtml, isWebUrl } from './also-reported.ts';
import type { SourceRef } from './feed-view.ts';
import { mediaTypeOf } from './media-type.ts';

/** Category schemes (RSS domain, Atom scheme), the same in every format and every deployment. */
export const COUNTRY_SCHEME = 'urn:wirefeed:countries';
export const REGION_SCHEME = 'urn:wirefeed:regions';

/** The outlet a story came from; `url` is its feed, absent when the source is no longer configured. */
export interface Outlet {
  id: string;
  title: string;
  url?: string;
}

/** An attached file; `type` is absent when neither the publisher nor the file's extension tells it. */
export interface Media {
  url: string;
  type?: string;
  length?: number;
}

/** What every format says about one story, decided once so the formats cannot disagree. */
export interface StoryEntry {
  id: string;
  /** Plain text as published; the link stands in only when the entry had neither title nor text. */
  title: string;
  /** The original link with tracking parameters removed; absent when the entry had none. */
  link?: string;
  /** Plain text; may be empty. */
  summary: string;
  /** Sanitized content plus the "also reported by" note; absent when there is neither. */
  contentHtml?: string;
  published: Date;
  /** Moves when a copy attaches: the latest of the published dates of the story and its copies. */
  updated: Date;
  /** Set when `published` is not the publisher's date (first seen: the entry had no usable date). */
  dateFallback?: DateFallback;
  byline?: string;
  outlet: Outlet;
  language?: string;
  /** ISO 3166-1 alpha-2 codes and region ids: categories under COUNTRY_SCHEME and REGION_SCHEME. */
  countries: string[];
  regions: string[];
  /** The publisher's enclosures, in order, each URL once. */
  enclosures: Media[];
  image?: string;
  copies: Copy[];
  /** When wirefeed first stored the story. */
  firstSeen: Date;
}

/** The entry every renderer writes for a story. */
export function storyEntry(story: Story, sources: ReadonlyMap<string, SourceRef>): StoryEntry {
  const { item } = story;
  const link = [item.url, item.link].find(isWebUrl);
  const published = new Date(item.published);
  const source = sources.get(item.sourceId);
  return {
    id: story.id,
    title: item.title || link || story.id,
    link,
    summary: item.summary,
    contentHtml: contentOf(story, sources),
    published,
    updated: updatedOf(published, story.copies),
    dateFallback: item.dateFallback,
    byline: item.author?.trim() || undefined,
    outlet: source ? { id: source.id, title: source.title, url: source.url } : { id: item.sourceId, title: item.sourceId },
    language: item.language,
    countries: story.countries,
    regions: story.regions,
    enclosures: enclosuresOf(item.enclosures),
    image: isWebUrl(item.image) ? item.image : undefined,
    copies: story.copies,
    firstSeen: new Date(story.firstSeen),
  };
}

// Web files only, each URL once (a feed may list a file as both enclosure and media:content).
function enclosuresOf(enclosures: readonly Enclosure[]): Media[] {
  const seen = new Set<string>();
  return enclosures.flatMap(({ url, type, length }) => {
    if (!isWebUrl(url) || seen.has(url)) return [];
    seen.add(url);
    return [{ url, type: mediaTypeOf(url, type), length }];
  });
}

// A copy records only its own published date (not when it was filed), so that is what moves `updated`.
function updatedOf(published: Date, copies: readonly Copy[]): Date {
  let latest = published.getTime();
  for (const copy of copies) {
    const time = Date.parse(copy.published);
    if (time > latest) latest = time;
  }
  return new Date(latest);
}

// Markup with no text and no media in it: what an empty publisher body sanitizes to.
const EMPTY_HTML = /^(?:\s|&nbsp;|&#160;|<\/?(?:p|div|span|br|b|i|em|strong|section|article)\b[^>]*>)*$/i;

// The body as sanitized, else the summary as a paragraph, then the note; nothing when neither the body
// nor the note has anything to say (the summary alone is the description).
function contentOf(story: Story, sources: ReadonlyMap<string, SourceRef>): string | undefined {
  const body = story.item.contentHtml;
  const note = alsoReportedHtml(story.copies, sources);
  const hasBody = body !== undefined && !EMPTY_HTML.test(body);
  if (!hasBody && !note) return undefined;
  const summary = story.item.summary ? `<p>${escapeText(story.item.summary)}</p>` : '';
  return (hasBody ? body : summary) + note;
}

/** The entry's countries, then its regions, as categories of their schemes. */
export function categoriesOf(entry: StoryEntry): Array<{ scheme: string; term: string }> {
  return [...entry.countries.map((term) => ({ scheme: COUNTRY_SCHEME, term })), ...entry.regions.map((term) => ({ scheme: REGION_SCHEME, term }))];
}

/** The files an XML entry links as enclosures: the publisher's enclosures, else the story's image. */
export function entryMedia(entry: StoryEntry): Media[] {
  if (entry.enclosures.length > 0) return entry.enclosures;
  return entry.image ? [{ url: entry.image, type: mediaTypeOf(entry.image, undefined) }] : [];
}

/** The one enclosure RSS allows: the first audio or video file, else the first of entryMedia. */
export function primaryMedia(entry: StoryEntry): Media | undefined {
  const media = entryMedia(entry);
  return media.find((file) => /^(?:audio|video)\//.test(file.type ?? '')) ?? media[0];
}
