import type { Enclosure, GeoPoint } from '../domain/index.ts';

/** The feed families wirefeed reads; RSS 0.9x and 2.0 are one family, as are Atom 0.3 and 1.0. */
export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** A link of an entry as published (possibly relative). */
export interface RawLink {
  href: string;
  /** Atom rel; undefined means the entry's own page. */
  rel?: string;
  type?: string;
}

/** A picture as published (URL possibly relative), with its width in pixels when the feed gives it. */
export interface RawImage {
  url: string;
  width?: number;
}

/** One entry as published, format-neutral; text fields are HTML, URLs may be relative. */
export interface RawEntry {
  guid?: string;
  /** The entry's own page first when the format says which it is. */
  links: RawLink[];
  /** xml:base in force for this entry's relative URLs, if declared. */
  base?: string;
  /** HTML (RSS titles often carry entities or markup; plain-text titles arrive escaped). */
  title?: string;
  contentHtml?: string;
  summaryHtml?: string;
  /** Dates exactly as written in the feed; normalize parses them. */
  published?: string;
  updated?: string;
  authors: string[];
  categories: string[];
  language?: string;
  enclosures: Enclosure[];
  /** Pictures of the entry: image media:content, the JSON Feed image; in document order. */
  images: RawImage[];
  /** Smaller or stand-in pictures, in this order: media:thumbnail, itunes:image, JSON banner_image. */
  thumbnails: string[];
  geo?: GeoPoint;
}

/** A feed document, parsed and mapped out of its format's shape. */
export interface ParsedFeed {
  format: FeedFormat;
  /** The URL the document was read from (after redirects); relative links fall back to it. */
  url: string;
  title: string;
  /** The site's home page, as published (possibly relative). */
  link?: string;
  /** Feed-level xml:base, if declared. */
  base?: string;
  language?: string;
  author?: string;
  entries: RawEntry[];
  /** Non-fatal problems: recovered XML, unknown charset, skipped entries. */
  warnings: string[];
  /** RSS 2.0 <ttl> in minutes, <skipHours> (0–23 GMT) and <skipDays> ("Monday"…). */
  ttlMinutes?: number;
  skipHours?: number[];
  skipDays?: string[];
  /** WebSub: atom:link rel="hub" hrefs and the rel="self" topic URL of the document. */
  hubs?: string[];
  self?: string;
}
