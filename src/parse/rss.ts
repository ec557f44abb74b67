import type { RssFeed } from 'feedsmith';
import { geoPoint, mediaPictures, mediaThumbnails, unique } from './namespaces.ts';
import { channelList, hubLinks, rssSchedule } from './poll-hints.ts';
import type { ParsedFeed, RawEntry, RawLink } from './types.ts';

type Feed = RssFeed.Feed<string>;
type Item = RssFeed.Item<string>;

/** Maps feedsmith's RSS 0.9x/2.0 shape (of the document `text`) into a ParsedFeed. */
export function fromRss(feed: Feed, url: string, text: string): ParsedFeed {
  const skipHours = feed.skipHours ?? channelList(text, 'skipHours', 'hour')?.map(Number);
  const skipDays = feed.skipDays ?? channelList(text, 'skipDays', 'day');
  return {
    format: 'rss',
    url,
    title: feed.title ?? feed.dc?.titles?.[0] ?? '',
    link: feed.link ?? feed.atom?.links?.find((link) => !link.rel || link.rel === 'alternate')?.href,
    base: feed.xml?.base,
    language: feed.language ?? feed.dc?.languages?.[0] ?? feed.xml?.lang,
    author: feed.dc?.creators?.[0] ?? personName(feed.managingEditor) ?? feed.itunes?.author,
    entries: (feed.items ?? []).map(fromItem),
    warnings: [],
    ...rssSchedule({ ttl: feed.ttl, skipHours, skipDays }),
    ...hubLinks(feed.atom?.links, url),
  };
}

function fromItem(item: Item): RawEntry {
  return {
    guid: item.guid?.value ?? item.atom?.id,
    links: itemLinks(item),
    base: item.xml?.base,
    title: item.title ?? item.dc?.titles?.[0] ?? item.atom?.title?.value,
    contentHtml: item.content?.encoded,
    summaryHtml: item.description ?? item.dc?.descriptions?.[0],
    published: item.pubDate ?? item.dc?.dates?.[0] ?? item.dcterms?.issued?.[0] ?? item.atom?.published,
    updated: item.dcterms?.modified?.[0] ?? item.atom?.updated,
    authors: unique([...(item.authors ?? []).map(personName), ...(item.dc?.creators ?? []), item.itunes?.author]),
    categories: unique([...(item.categories ?? []).map((category) => category.name), ...(item.dc?.subjects ?? [])]),
    language: item.dc?.languages?.[0] ?? item.xml?.lang,
    enclosures: (item.enclosures ?? []).flatMap((enclosure) => (enclosure.url ? [{ url: enclosure.url, type: enclosure.type, length: enclosure.length }] : [])),
    images: mediaPictures(item.media),
    // Media RSS stills first, then the podcast episode's artwork.
    thumbnails: unique([...mediaThumbnails(item.media), item.itunes?.image]),
    geo: geoPoint(item.georss, item.geo),
  };
}

function itemLinks(item: Item): RawLink[] {
  const links: RawLink[] = [];
  if (item.link) links.push({ href: item.link });
  for (const link of item.atom?.links ?? []) if (link.href) links.push({ href: link.href, rel: link.rel, type: link.type });
  return links;
}

function personName(person: RssFeed.Person | undefined): string | undefined {
  return person?.name ?? person?.email;
}
