import type { FirstRunGuidance, Story } from '../../domain/index.ts';
import type { FeedLinks, IndexView } from '../feed-view.ts';

/** A link a page shows: where it goes and what it says. */
export interface PageLink {
  href: string;
  title: string;
}

/** What every HTML page knows besides its own stories. */
export interface PageContext extends Omit<IndexView, 'regions'> {
  /** The instant relative times ("12 min ago") are worded for. */
  now: Date;
  /** Names of the countries the page mentions, by upper-case ISO code; a code absent is shown as it is, unlinked. */
  countries: ReadonlyMap<string, string>;
  /** Every region, in order, for the navigation bar. */
  nav: ReadonlyArray<{ id: string; title: string }>;
}

/** The home page: every region with its newest headlines, or, before any source answered, why none did. */
export interface HomeView extends IndexView, Omit<PageContext, 'nav'> {
  firstRun?: FirstRunGuidance;
  /** Shown above the headlines: what kind of run this is (the demo). */
  notice?: string;
}

/** One region's or one country's page of stories. */
export interface ListingPageView extends PageContext {
  /** The region's or country's name. */
  heading: string;
  description: string;
  /** Its page, as linked from the navigation bar (marked there as the current page). */
  href: string;
  /** Its feeds, as written into the page. */
  feeds: FeedLinks;
  /** Newest first. */
  stories: Story[];
  /** The next, older page; absent on the last. */
  olderUrl?: string;
  /** The first page, when this is an older one. */
  newestUrl?: string;
  /** Pages next to this one: a region's country pages, or the regions a country is in. */
  related?: { label: string; links: PageLink[] };
  /** Absolute URL of the embeddable list of these stories, when there is one (regions). */
  embedUrl?: string;
}

/** The compact list a news site shows in an iframe. */
export interface EmbedView extends Pick<PageContext, 'title' | 'now' | 'sources'> {
  /** The region's name. */
  heading: string;
  /** The region's page on this service, opened from the list's title. */
  pageUrl: string;
  feeds: FeedLinks;
  stories: Story[];
}
