import type { Source, Story } from '../domain/index.ts';

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
