import { QueryError } from '../domain/index.ts';
import type { FeedRef, Store, StoryPage, StoryQuery } from '../store/index.ts';
import type { ListingFilters } from './listing-query.ts';
import { walkMerged } from './merged-walk.ts';

/** A store query without its page: one combination of the listing's filter values. */
export type StoryFilter = Omit<StoryQuery, 'limit' | 'cursor'>;

/** The route's own narrowing: a region's or a country's feed, or none. */
export interface ListingScope {
  region?: string;
  country?: string;
}

const MAX_COMBINATIONS = 16;

/**
 * The store queries a listing takes: the store filters on one value per field, so a list (any of
 * its values) becomes one query per combination of values, merged by listPage.
 */
export function storyFilters(scope: ListingScope, filters: ListingFilters): StoryFilter[] {
  const base: StoryFilter = { ...scope, ...(filters.q ? { q: filters.q } : {}), ...(filters.since ? { since: filters.since } : {}) };
  let combos: StoryFilter[] = [base];
  const spread = (values: string[], field: 'region' | 'country' | 'source' | 'language') => {
    if (values.length > 0) combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [field]: value })));
  };
  spread(filters.regions, 'region');
  spread(filters.countries, 'country');
  spread(filters.sources, 'source');
  spread(filters.languages, 'language');
  if (combos.length > MAX_COMBINATIONS) {
    throw new QueryError(`http: bad query: at most ${MAX_COMBINATIONS} combinations of region, country, source and lang values`);
  }
  return combos;
}

/**
 * The feeds whose versions tell when a listing may have changed: each query's region, else its
 * country, else everything (a filter only ever shows a subset of that feed's stories).
 */
export function versionFeeds(filters: StoryFilter[]): FeedRef[] {
  const refs = new Map<string, FeedRef>();
  for (const filter of filters) {
    if (filter.region !== undefined) refs.set(`r:${filter.region}`, { kind: 'region', id: filter.region });
    else if (filter.country !== undefined) refs.set(`c:${filter.country}`, { kind: 'country', code: filter.country });
    else refs.set('all', { kind: 'all' });
  }
  return [...refs.values()];
}

/**
 * A page over the union of the queries, newest published first (ties by id, descending: the
 * Store's order). One query passes the store's own cursor through; several walk together (see
 * merged-walk.ts), so a client sees no gap and no repeat while stories arrive.
 */
export async function listPage(store: Store, filters: StoryFilter[], limit: number, cursor: string | undefined): Promise<StoryPage> {
  const [only] = filters;
  if (filters.length === 1 && only) return store.listStories({ ...only, limit, ...(cursor === undefined ? {} : { cursor }) });
  return walkMerged(store, filters, limit, cursor);
}
