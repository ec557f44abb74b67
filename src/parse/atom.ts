import type { AtomFeed } from 'feedsmith';
import { escapeText, geoPoint, mediaPictures, mediaThumbnails, unique } from './namespaces.ts';
import { hubLinks } from './poll-hints.ts';
import type { ParsedFeed, RawEntry, RawLink } from './types.ts';

type Feed = AtomFeed.Feed<string>;
type Entry = AtomFeed.Entry<string>;

/** Maps feedsmith's Atom 0.3/1.0 shape into a ParsedFeed. */
export function fromAtom(feed: Feed, url: string): ParsedFeed {
  return {
    format: 'atom',
    url,
    title: feed.title?.value ?? '',
    link: alternate(toLinks(feed.links))?.href,
    base: feed.xml?.base,
    language: feed.xml?.lang ?? feed.dc?.languages?.[0],
    author: feed.authors?.[0]?.name ?? feed.dc?.creators?.[0],
    entries: (feed.entries ?? []).map(fromEntry),
    warnings: [],
    ...hubLinks(feed.links, url),
  };
}

function fromEntry(entry: Entry): RawEntry {
  const links = toLinks(entry.links);
  const own = alternate(links);
  return {
    guid: entry.id,
    // The entry's own page first; enclosures and other relations after it.
    links: own ? [own, ...links.filter((link) => link !== own)] : links,
    base: entry.content?.xml?.base ?? entry.xml?.base,
    title: textHtml(entry.title),
    contentHtml: entry.content?.value === undefined ? undefined : textHtml(entry.content as AtomFeed.Text),
    summaryHtml: textHtml(entry.summary),
    published: entry.published ?? entry.dc?.dates?.[0] ?? entry.dcterms?.issued?.[0],
    updated: entry.updated,
    authors: unique([...(entry.authors ?? []).map((author) => author.name), ...(entry.dc?.creators ?? [])]),
    categories: unique((entry.categories ?? []).map((category) => category.label ?? category.term)),
    language: entry.xml?.lang,
    enclosures: links.filter((link) => link.rel === 'enclosure').map((link) => ({ url: link.href, type: link.type, length: link.length })),
    images: mediaPictures(entry.media),
    thumbnails: mediaThumbnails(entry.media),
    geo: geoPoint(entry.georss, entry.geo),
  };
}

function toLinks(links: AtomFeed.Link<string>[] | undefined): Array<RawLink & { length?: number }> {
  return (links ?? []).flatMap((link) => (link.href ? [{ href: link.href, rel: link.rel, type: link.type, length: link.length }] : []));
}

function alternate<T extends RawLink>(links: T[]): T | undefined {
  return links.find((link) => !link.rel || link.rel === 'alternate');
}

// Atom text constructs say whether they are text, html or xhtml; RawEntry fields are always HTML.
function textHtml(text: { value?: string; type?: string } | undefined): string | undefined {
  if (text?.value === undefined) return undefined;
  const type = text.type?.toLowerCase();
  if (type === 'html' || type === 'xhtml' || type?.includes('html')) return text.value;
  return escapeText(text.value);
}
