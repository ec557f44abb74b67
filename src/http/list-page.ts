import { QueryError, type Story } from '../domain/index.ts';
import type { FeedRef, Store, StoryPage, StoryQuery } from '../store/index.ts';
import type { ListingFilters } from './listing-query.ts';

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

// One query's place in a merged walk: its store cursor, null before its first page, false when done.
type Position = string | null | false;

/**
 * A page over the union of the queries, newest published first (ties by id, descending: the
 * Store's order). One query passes the store's own cursor through; several walk together under a
 * cursor holding each one's store cursor, so a client sees no gap and no repeat while stories arrive.
 */
export async function listPage(store: Store, filters: StoryFilter[], limit: number, cursor: string | undefined): Promise<StoryPage> {
  const [only] = filters;
  if (filters.length === 1 && only) return store.listStories({ ...only, limit, ...(cursor === undefined ? {} : { cursor }) });
  const positions = cursor === undefined ? filters.map((): Position => null) : decodePositions(cursor, filters.length);
  const pages = await Promise.all(filters.map((filter, i) => pageAt(store, filter, positions[i] ?? false, limit)));
  const byId = new Map(pages.flatMap((page) => page.stories).map((story) => [story.id, story]));
  const shown = [...byId.values()].sort(compareStories).slice(0, limit);
  const shownIds = new Set(shown.map((story) => story.id));
  const next = await Promise.all(
    filters.map((filter, i) => advance(store, filter, positions[i] ?? false, pages[i] as StoryPage, shownIds)),
  );
  return { stories: shown, ...(next.some((position) => position !== false) ? { next: encodePositions(next) } : {}) };
}

async function pageAt(store: Store, filter: StoryFilter, position: Position, limit: number): Promise<StoryPage> {
  if (position === false) return { stories: [] };
  return store.listStories({ ...filter, limit, ...(position === null ? {} : { cursor: position }) });
}

// Where a query stands once the shown stories are taken: they are a prefix of its page.
async function advance(store: Store, filter: StoryFilter, position: Position, page: StoryPage, shown: Set<string>): Promise<Position> {
  if (position === false || page.stories.length === 0) return false;
  const taken = page.stories.filter((story) => shown.has(story.id)).length;
  if (taken === 0) return position;
  if (taken === page.stories.length) return page.next ?? false;
  // The store's cursor after exactly `taken` stories: the page of that size ends there.
  const upTo = await store.listStories({ ...filter, limit: taken, ...(position === null ? {} : { cursor: position }) });
  return upTo.next ?? false;
}

function compareStories(a: Story, b: Story): number {
  return Date.parse(b.item.published) - Date.parse(a.item.published) || Buffer.compare(Buffer.from(b.id), Buffer.from(a.id));
}

function encodePositions(positions: Position[]): string {
  return Buffer.from(JSON.stringify(positions.map((p) => (p === false ? 0 : p))), 'utf8').toString('base64url');
}

function decodePositions(cursor: string, count: number): Position[] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const entries = Array.isArray(value) && value.length === count ? (value as unknown[]) : [];
  const positions = entries.map((p): Position | undefined => (p === 0 ? false : p === null || (typeof p === 'string' && p !== '') ? p : undefined));
  if (positions.length === 0 || positions.includes(undefined) || encodePositions(positions as Position[]) !== cursor) {
    throw new QueryError('http: bad query: cursor is not a "next" cursor of this listing');
  }
  return positions as Position[];
}
