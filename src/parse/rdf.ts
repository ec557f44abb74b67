import type { RdfFeed } from 'feedsmith';
import type { GeoPoint } from '../domain/index.ts';
import { geoPoint, mediaPictures, mediaThumbnails, rdfGeoPoints, unique } from './namespaces.ts';
import type { ParsedFeed, RawEntry } from './types.ts';

type Feed = RdfFeed.Feed<string>;
type Item = RdfFeed.Item<string>;

/** Maps feedsmith's RSS 0.90/1.0 (RDF) shape into a ParsedFeed; `text` supplies W3C geo points. */
export function fromRdf(feed: Feed, url: string, text = ''): ParsedFeed {
  const points = rdfGeoPoints(text);
  return {
    format: 'rdf',
    url,
    title: feed.title ?? feed.dc?.titles?.[0] ?? '',
    link: feed.link,
    base: feed.xml?.base,
    language: feed.dc?.languages?.[0] ?? feed.xml?.lang,
    author: feed.dc?.creators?.[0] ?? feed.dc?.publishers?.[0],
    entries: (feed.items ?? []).map((item) => fromItem(item, points)),
    warnings: [],
  };
}

function fromItem(item: Item, points: Map<string, GeoPoint>): RawEntry {
  return {
    guid: item.rdf?.about ?? item.dc?.identifiers?.[0],
    links: item.link ? [{ href: item.link }] : [],
    base: item.xml?.base,
    title: item.title ?? item.dc?.titles?.[0],
    contentHtml: item.content?.encoded,
    summaryHtml: item.description ?? item.dc?.descriptions?.[0],
    published: item.dc?.dates?.[0] ?? item.dcterms?.issued?.[0],
    updated: item.dcterms?.modified?.[0],
    authors: unique(item.dc?.creators ?? []),
    categories: unique(item.dc?.subjects ?? []),
    language: item.dc?.languages?.[0] ?? item.xml?.lang,
    enclosures: [],
    images: mediaPictures(item.media),
    thumbnails: mediaThumbnails(item.media),
    geo: geoPoint(item.georss, undefined) ?? points.get(item.rdf?.about ?? ''),
  };
}
