import { escapeText } from 'entities';
import { Feed } from 'feed';
import type { Enclosure as FeedEnclosure, Extension, Item as FeedItem } from 'feed';
import type { Story, StoryItem } from '../domain/index.ts';
import { alsoReportedHtml } from './also-reported.ts';
import type { FeedView, SourceRef } from './feed-view.ts';

/** The syndication formats the feed package writes for us. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** A `feed` package document for one view, with items shaped for the given format. */
export function buildFeed(view: FeedView, format: FeedFormat): Feed {
  const feed = new Feed({
    id: atomUrn('feed', view.id),
    title: view.title,
    description: view.description,
    link: view.homeUrl,
    updated: view.updated,
    generator: 'wirefeed',
    feedLinks: { ...view.selfUrls },
  });
  for (const story of view.stories) feed.addItem(toFeedItem(story, view.sources, format));
  return feed;
}

// Atom ids must be IRIs; story ids are opaque strings, so they are wrapped in a URN that never changes.
function atomUrn(kind: 'feed' | 'story', id: string): string {
  return `urn:wirefeed:${kind}:${encodeURIComponent(id)}`;
}

function toFeedItem(story: Story, sources: ReadonlyMap<string, SourceRef>, format: FeedFormat): FeedItem {
  const { item } = story;
  const source = sources.get(item.sourceId);
  const published = new Date(item.published);
  const media = mediaOf(item);
  return {
    // Atom titles are typed html; RSS and JSON titles are read as text. Only &, < and > are
    // escaped: consumers that skip HTML decoding (rss-parser) then still show quotes right.
    title: format === 'atom' ? escapeText(item.title) : item.title,
    id: format === 'atom' ? atomUrn('story', story.id) : story.id,
    guid: story.id,
    // The feed package requires a link; a link-less entry gets an empty one rather than someone else's page.
    link: item.link ?? '',
    date: published,
    published,
    // JSON Feed's summary is plain text; RSS description and Atom summary are HTML.
    description: format === 'json' ? item.summary : escapeText(item.summary),
    content: contentOf(story, sources),
    author: authorsOf(item, source, format),
    category: story.countries.map((code) => ({ name: code, term: code })),
    ...(format === 'json' && item.image ? { image: item.image } : {}),
    ...(format !== 'json' && media ? { enclosure: media } : {}),
    extensions: extensionsOf(story, sources, format),
  };
}

function contentOf(story: Story, sources: ReadonlyMap<string, SourceRef>): string {
  const body = story.item.contentHtml ?? `<p>${escapeText(story.item.summary)}</p>`;
  return body + alsoReportedHtml(story.copies, sources);
}

// RSS carries the outlet in <source>; Atom and JSON have no such slot in the feed package, so the
// outlet stands in as author when the item names none.
function authorsOf(item: StoryItem, source: SourceRef | undefined, format: FeedFormat): FeedItem['author'] {
  if (item.author) return [{ name: item.author }];
  if (format === 'rss') return undefined;
  return [{ name: source?.title ?? item.sourceId }];
}

function mediaOf(item: StoryItem): FeedEnclosure | undefined {
  const first = item.enclosures[0];
  if (first) {
    const media: FeedEnclosure = { url: first.url };
    if (first.type) media.type = first.type;
    if (first.length) media.length = first.length;
    return media;
  }
  return item.image ? { url: item.image } : undefined;
}

function extensionsOf(story: Story, sources: ReadonlyMap<string, SourceRef>, format: FeedFormat): Extension[] {
  const source = sources.get(story.item.sourceId);
  if (format === 'rss') {
    if (!source) return [];
    // The feed package escapes element text but not attribute ampersands.
    const url = source.url.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return [{ name: 'source', objects: { _text: source.title, _attributes: { url } } }];
  }
  if (format === 'atom') return [];
  const wirefeed = {
    source: source ?? { id: story.item.sourceId },
    countries: story.countries,
    regions: story.regions,
    first_seen: story.firstSeen,
    copies: story.copies.map((copy) => ({
      source_id: copy.sourceId,
      source_title: sources.get(copy.sourceId)?.title,
      url: copy.link,
      date_published: copy.published,
    })),
  };
  return [{ name: '_wirefeed', objects: wirefeed }];
}
