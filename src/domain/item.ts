/** A media file attached to an item (RSS enclosure, media:content). */
export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}

/** A point from GeoRSS / W3C geo, kept for classification. */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Where an item's published date came from, when it is not the feed's own. */
export type DateFallback = 'first-seen' | 'future-clamped';

/** An entry's content as its publisher wrote it: not safe to serve until sanitized (see StoryItem). */
export interface PublisherHtml {
  html: string;
  /** What its relative URLs resolve against: the entry's xml:base, else the feed's. */
  base: string;
}

/** One entry of one source's feed, normalized. Every stage after parse works on this. */
export interface Item {
  /** Stable id: never changes for the same entry of the same source across re-fetches. */
  id: string;
  sourceId: string;
  /** The publisher's guid / atom:id / JSON id, if any. */
  guid?: string;
  /** The original link, absolute; absent when the entry has no link of its own (never the feed's link). */
  link?: string;
  /** Canonical form of `link` (lowercased host, no tracking parameters, no fragment); absent with it. */
  url?: string;
  /** Plain text. */
  title: string;
  /** Plain text, bounded, cut at a word. */
  summary: string;
  /**
   * The content as published, not sanitized yet: only the item that starts a story is, when the
   * story is stored (sanitizeItem), so copies and entries seen before never pay for it.
   */
  publisherHtml?: PublisherHtml;
  /** Plain text of the whole content, for classification and dedupe. */
  text: string;
  /** ISO 8601. */
  published: string;
  dateFallback?: DateFallback;
  author?: string;
  categories: string[];
  language?: string;
  image?: string;
  enclosures: Enclosure[];
  geo?: GeoPoint;
}
