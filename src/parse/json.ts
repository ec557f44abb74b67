import type { JsonFeed } from 'feedsmith';
import { escapeText, unique } from './namespaces.ts';
import { hubLinks } from './poll-hints.ts';
import type { ParsedFeed, RawEntry, RawLink } from './types.ts';

type Feed = JsonFeed.Feed<string>;
type Item = JsonFeed.Item<string>;

/** Maps feedsmith's JSON Feed 1.0/1.1 shape into a ParsedFeed. */
export function fromJson(feed: Feed, url: string): ParsedFeed {
  return {
    format: 'json',
    url,
    title: feed.title ?? '',
    link: feed.home_page_url,
    language: feed.language,
    author: feed.authors?.[0]?.name,
    entries: (feed.items ?? []).map(fromItem),
    warnings: [],
    // JSON Feed names its hubs and its own URL in fields of their own.
    ...hubLinks([...(feed.hubs ?? []).map((hub) => ({ href: hub.url, rel: 'hub' })), { href: feed.feed_url, rel: 'self' }], url),
  };
}

function fromItem(item: Item): RawEntry {
  const links: RawLink[] = [];
  if (item.url) links.push({ href: item.url });
  // A link-blog entry without a page of its own is about its external_url.
  if (item.external_url) links.push({ href: item.external_url, rel: item.url ? 'related' : undefined });
  return {
    guid: item.id,
    links,
    // JSON Feed titles, summaries and content_text are plain text.
    title: escapeText(item.title),
    contentHtml: item.content_html ?? escapeText(item.content_text),
    summaryHtml: escapeText(item.summary),
    published: item.date_published,
    updated: item.date_modified,
    authors: unique((item.authors ?? []).map((author) => author.name)),
    categories: unique(item.tags ?? []),
    language: item.language,
    enclosures: (item.attachments ?? []).flatMap((attachment) =>
      attachment.url ? [{ url: attachment.url, type: attachment.mime_type, length: attachment.size_in_bytes }] : [],
    ),
    // The item's main picture; a banner is a wide crop of something, kept only as a stand-in.
    images: unique([item.image]).map((url) => ({ url })),
    thumbnails: unique([item.banner_image]),
  };
}
