import { rfc3339 } from './dates.ts';
import { GENERATOR, type FeedView, type SourceRef } from './feed-view.ts';
import { storyEntry, type StoryEntry } from './story-entry.ts';

/** The version URL a JSON Feed 1.1 document must carry. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

type JsonObject = Record<string, unknown>;

/** The view as a JSON Feed 1.1 document. */
export function renderJsonFeed(view: FeedView): string {
  const doc: JsonObject = {
    version: JSON_FEED_VERSION,
    title: view.title,
    home_page_url: view.homeUrl,
    feed_url: view.selfUrls.json,
    description: view.description || undefined,
    icon: view.iconUrl,
    language: view.language,
    next_url: view.next?.json,
    hubs: view.hub ? [{ type: 'WebSub', url: view.hub }] : undefined,
    // JSON Feed has no generator or time to live; an extension carries what RSS says about both.
    _wirefeed: { generator: GENERATOR, ttl_minutes: view.ttlMinutes },
    items: view.stories.map((story) => jsonItem(storyEntry(story, view.sources), view)),
  };
  // JSON.stringify leaves out undefined members: absent fields are absent, not null.
  return JSON.stringify(doc, null, 2);
}

function jsonItem(entry: StoryEntry, view: FeedView): JsonObject {
  return {
    id: entry.id,
    url: entry.link,
    title: entry.title,
    summary: entry.summary || undefined,
    // One of the two is required: the sanitized content, else the summary (or title) as text.
    ...(entry.contentHtml ? { content_html: entry.contentHtml } : { content_text: entry.summary || entry.title }),
    image: entry.image,
    date_published: rfc3339(entry.published),
    date_modified: rfc3339(entry.updated),
    authors: [...(entry.byline ? [{ name: entry.byline }] : []), { name: entry.outlet.title, url: entry.outlet.url }],
    tags: [...entry.countries, ...entry.regions],
    language: entry.language !== view.language ? entry.language : undefined,
    attachments: entry.enclosures.length
      ? entry.enclosures.map((media) => ({
          url: media.url,
          mime_type: media.type ?? 'application/octet-stream',
          size_in_bytes: media.length,
        }))
      : undefined,
    _wirefeed: {
      source: sourceOf(view.sources, entry.outlet.id),
      countries: entry.countries,
      regions: entry.regions,
      first_seen: rfc3339(entry.firstSeen),
      date_fallback: entry.dateFallback,
      copies: entry.copies.map((copy) => ({
        source_id: copy.sourceId,
        source_title: titleOf(view.sources, copy.sourceId),
        url: copy.link,
        date_published: copy.published,
      })),
    },
  };
}

// Only what a SourceRef says, whatever else the object handed in carries.
function sourceOf(sources: ReadonlyMap<string, SourceRef>, id: string): Partial<SourceRef> {
  const source = sources.get(id);
  return source ? { id: source.id, title: source.title, url: source.url } : { id };
}

function titleOf(sources: ReadonlyMap<string, SourceRef>, id: string): string | undefined {
  return sources.get(id)?.title;
}
