import type { Request, Response } from 'express';
import type { OutputConfig } from '../config/index.ts';
import type { Store, StoryPage } from '../store/index.ts';
import type { Rendered } from './cached-response.ts';
import type { Catalog } from './catalog.ts';
import { sendResponse } from './conditional.ts';
import { listPage, storyFilters, versionFeeds, type ListingScope } from './list-page.ts';
import { pageQueryString, parseListingQuery, type ListingQuery } from './listing-query.ts';
import type { RenderCache } from './render-cache.ts';
import type { VersionReader } from './version-reader.ts';
import { versionKey, type FastPath } from './fast-path.ts';
import { routeOf } from './request-log.ts';

/** What every listing route (feeds and the JSON API) shares. */
export interface ListingDeps {
  store: Store;
  catalog: Catalog;
  output: OutputConfig;
  cache: RenderCache;
  /** The store's feed versions, read once for all the requests of one moment. */
  versions: VersionReader;
  /** Told how each listing URL was answered, so that repeats skip the app. */
  fastPath: Pick<FastPath, 'remember'>;
  /** Stands in as `updated` for a feed that never changed, so its body (and ETag) stays put. */
  startedAt: Date;
  /** The WebSub hub every feed advertises, when one is configured. */
  hub?: string;
}

/** One listing URL: its cache identity, its narrowing, and how a page of it is rendered. */
export interface ListingSpec {
  /** Identifies the resource apart from its query, e.g. `feed:russia.rss`. */
  key: string;
  scope: ListingScope;
  lists: ReadonlySet<'region' | 'country'>;
  render(page: StoryPage, listing: Listing): Rendered;
}

/** What a render gets to know about the request beyond the page. */
export interface Listing {
  query: ListingQuery;
  /** When what the listing shows last changed (the newest feed version), 0 if never. */
  changed: number;
  /** Seconds a client may reuse the response: the poll interval of the sources shown. */
  maxAgeSeconds: number;
}

/** Largest page a client may ask for. */
export function maxLimit(output: OutputConfig): number {
  return Math.max(100, output.itemsPerFeed);
}

/**
 * Answers a listing: one version read, then the cached response when that version still holds;
 * only a new version lists the store and renders. A bad query is a QueryError (400).
 */
export async function serveListing(req: Request, res: Response, deps: ListingDeps, spec: ListingSpec): Promise<void> {
  const query = parseListingQuery(req.query as Record<string, unknown>, {
    catalog: deps.catalog,
    lists: spec.lists,
    defaultLimit: deps.output.itemsPerFeed,
    maxLimit: maxLimit(deps.output),
  });
  const filters = storyFilters(spec.scope, query.filters);
  const feeds = versionFeeds(filters);
  const versions = await deps.versions(feeds);
  const key = `${spec.key}?${pageQueryString(query)}`;
  const cached = await deps.cache.get(key, versionKey(versions), async () => {
    const page = await listPage(deps.store, filters, query.limit, query.cursor);
    const maxAgeSeconds = deps.catalog.ttlMinutesOf(query.filters.sources) * 60;
    return spec.render(page, { query, changed: Math.max(0, ...versions), maxAgeSeconds });
  });
  deps.fastPath.remember(req.originalUrl, key, feeds, routeOf(req));
  await sendResponse(req, res, cached);
}

/** Cache-Control of a listing. */
export function listingCacheControl(listing: Listing): string {
  return `public, max-age=${listing.maxAgeSeconds}`;
}

/** Last-Modified of a listing: its newest feed version, absent when it never changed. */
export function listingLastModified(listing: Listing): Date | undefined {
  return listing.changed > 0 ? new Date(listing.changed) : undefined;
}
