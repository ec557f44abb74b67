import type { Request, Response } from 'express';
import { wordingChangesAt } from '../render/index.ts';
import type { Story } from '../domain/index.ts';
import type { FeedRef } from '../store/index.ts';
import type { Catalog } from './catalog.ts';
import { sendResponse } from './conditional.ts';
import type { ListingDeps } from './listing-route.ts';
import type { PageClock } from './pages-clock.ts';
import { pageHeaders } from './response-headers.ts';

const HTML = 'text/html; charset=utf-8';
// Relative times move by the minute: a browser may reuse a page that long before asking again.
const PAGE_CACHE_CONTROL = 'public, max-age=60';

/** What the page routes share: the listing dependencies and the clock their wording follows. */
export interface PageDeps extends ListingDeps {
  clock: PageClock;
}

/** One HTML page: its cache identity, the feeds it shows, how it is drawn at an instant, and its policy. */
export interface PageSpec {
  /** Identifies the page with its query, e.g. `page:/regions/russia?cursor=…`. */
  key: string;
  feeds: FeedRef[];
  /** The Content-Security-Policy sent with it. */
  csp: string;
  /** True for the one page other sites may frame (the embed). */
  framable?: boolean;
  /** The page worded for `at`, with the stories it shows (whose times decide how long that wording holds). */
  render(at: Date): Promise<{ body: string; stories: Story[] }>;
  /** What else the page shows that may change while its feeds do not, given their versions: part of its cache version. */
  variant?: (versions: string) => Promise<string>;
}

/**
 * Answers a page as feeds are answered: one version read, then the cached body, ETag and
 * compressed variants while its feeds and its wording hold, with 304 for a client that has them.
 */
export async function servePage(req: Request, res: Response, deps: PageDeps, spec: PageSpec): Promise<void> {
  const feeds = (await deps.store.feedVersions(spec.feeds)).map((feed) => feed.version).join(',');
  const versions = spec.variant ? `${feeds};${await spec.variant(feeds)}` : feeds;
  const at = deps.clock.at(spec.key, versions, Date.now());
  const cached = await deps.cache.get(spec.key, `${versions}@${at}`, async () => {
    const when = new Date(at);
    const { body, stories } = await spec.render(when);
    deps.clock.hold(spec.key, versions, at, wordingChangesAt(stories, when));
    // The body changes only when the feeds or the wording do, and either moves `at` to the time of the change.
    return {
      body,
      contentType: HTML,
      cacheControl: PAGE_CACHE_CONTROL,
      lastModified: when,
      headers: pageHeaders(spec.csp, spec.framable === true),
    };
  });
  await sendResponse(req, res, cached);
}

/** Names of the countries these stories are about, by code, for country links (codes the catalog does not know are left out). */
export function countryNames(catalog: Catalog, stories: readonly Story[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const code of new Set(stories.flatMap((story) => story.countries))) {
    if (catalog.isCountry(code)) names.set(code, catalog.country(code).name);
  }
  return names;
}

/** A region's feeds as written into pages: relative, so a page works on whatever host name it is reached by. */
export function relativeFeedLinks(key: string): { rss: string; atom: string; json: string } {
  return { rss: `/feeds/${key}.rss`, atom: `/feeds/${key}.atom`, json: `/feeds/${key}.json` };
}
