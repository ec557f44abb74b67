import type { Source, Story } from '../domain/index.ts';

/** What every format names as the feed's generator. */
export const GENERATOR = 'wirefeed';

/** Absolute URLs of one feed in each served format. */
export interface FeedLinks {
  rss: string;
  atom: string;
  json: string;
}

/** What an item needs to know about the outlet it came from. */
export type SourceRef = Pick<Source, 'id' | 'title' | 'url'>;

/** One served feed (a region or a country), ready to render in any format. */
export interface FeedView {
  /** Stable id of the feed, e.g. `asia-pacific` or `country/RU`. */
  id: string;
  title: string;
  description: string;
  /** The feed's own URL in each format (self links). */
  selfUrls: FeedLinks;
  homeUrl: string;
  /** When the feed last changed; drives lastBuildDate / updated. */
  updated: Date;
  /** Newest first. */
  stories: Story[];
  /** Outlets by source id, for item attribution and "also reported by" notes. */
  sources: ReadonlyMap<string, SourceRef>;
  /** BCP 47 tag of the feed's text when its sources agree (RSS language, Atom xml:lang, JSON language). */
  language?: string;
  /** Minutes a reader may keep the feed before polling again: the sources' poll interval (RSS ttl). */
  ttlMinutes?: number;
  /** Absolute URL of a small square image standing for the feed (RSS image, Atom icon, JSON icon). */
  iconUrl?: string;
  /** The next, older page in each format (RFC 5005 rel="next", JSON Feed next_url); absent on the last page. */
  next?: FeedLinks;
  /** WebSub hub that pushes this feed's updates (rel="hub", JSON Feed hubs). */
  hub?: string;
}

/** One entry of the OPML subscription list. */
export interface FeedLink {
  title: string;
  description?: string;
  xmlUrl: string;
  htmlUrl: string;
}

/** Head of the OPML document. */
export interface OpmlMeta {
  title: string;
  dateCreated: Date;
}

/** One region on the HTML index page. */
export interface IndexRegion {
  id: string;
  title: string;
  description: string;
  /** Links as written into the page; relative ones keep the page working behind any host name. */
  feeds: FeedLinks;
  /** The newest few stories. */
  headlines: Story[];
}

/** Everything the HTML index page shows. */
export interface IndexView {
  title: string;
  opmlUrl: string;
  regions: IndexRegion[];
  sources: ReadonlyMap<string, SourceRef>;
}
