import { QueryError, type Story } from '../domain/index.ts';
import type { Store, StoryPage, StoryQuery } from '../store/index.ts';

type Filter = Omit<StoryQuery, 'limit' | 'cursor'>;

// One query's place in the walk: its store cursor, null before its first page, false when done.
type Position = string | null | false;

/** The last story shown: every later page holds only stories after it in listing order. */
interface Boundary {
  published: number;
  id: string;
}

interface Walk {
  boundary?: Boundary;
  positions: Position[];
}

/** One query's stories for this page: those after the boundary, and where they were read from. */
interface Window {
  stories: Story[];
  /** The cursor the stories were read after, and how many stories before them were skipped. */
  from: Position;
  skipped: number;
  page: StoryPage;
}

/**
 * A page over the union of several queries, walked together under a cursor holding each one's
 * store cursor and the last story shown: each query reads a page from its own place, stories at or
 * before the last one shown are dropped (they were shown, or arrived after the walk passed them),
 * the union's first `limit` are shown, and each query moves past those it contributed.
 */
export async function walkMerged(store: Store, filters: Filter[], limit: number, cursor: string | undefined): Promise<StoryPage> {
  const walk = cursor === undefined ? { positions: filters.map((): Position => null) } : decodeWalk(cursor, filters.length);
  const windows = await Promise.all(filters.map((filter, i) => windowAt(store, filter, walk.positions[i] as Position, limit, walk.boundary)));
  const byId = new Map(windows.flatMap((window) => window.stories).map((story) => [story.id, story]));
  const shown = [...byId.values()].sort(compareStories).slice(0, limit);
  const shownIds = new Set(shown.map((story) => story.id));
  const positions = await Promise.all(filters.map((filter, i) => advance(store, filter, windows[i] as Window, shownIds)));
  const last = shown.at(-1);
  if (!last || positions.every((position) => position === false)) return { stories: shown };
  return { stories: shown, next: encodeWalk({ boundary: { published: Date.parse(last.item.published), id: last.id }, positions }) };
}

async function windowAt(store: Store, filter: Filter, position: Position, limit: number, boundary: Boundary | undefined): Promise<Window> {
  let from = position;
  for (;;) {
    if (from === false) return { stories: [], from, skipped: 0, page: { stories: [] } };
    const page = await store.listStories({ ...filter, limit, ...(from === null ? {} : { cursor: from }) });
    const stories = boundary ? page.stories.filter((story) => compareStories(story, boundary) > 0) : page.stories;
    // A page wholly before the boundary (stories filed since the walk began) is stepped over.
    if (stories.length > 0 || page.next === undefined) return { stories, from, skipped: page.stories.length - stories.length, page };
    from = page.next;
  }
}

// Where a query stands once the shown stories are taken: they are a prefix of its window.
async function advance(store: Store, filter: Filter, window: Window, shown: Set<string>): Promise<Position> {
  const { from, page, skipped } = window;
  if (from === false || page.stories.length === 0) return false;
  const taken = window.stories.filter((story) => shown.has(story.id)).length;
  if (taken === 0) return from;
  if (skipped + taken === page.stories.length) return page.next ?? false;
  // The store's cursor after exactly the stories taken: the page of that size ends there.
  const upTo = await store.listStories({ ...filter, limit: skipped + taken, ...(from === null ? {} : { cursor: from }) });
  return upTo.next ?? false;
}

// Listing order: published descending, then id descending by code point (UTF-8 bytes), as the Store orders.
function compareStories(a: Story | Boundary, b: Story | Boundary): number {
  return publishedOf(b) - publishedOf(a) || Buffer.compare(Buffer.from(b.id), Buffer.from(a.id));
}

function publishedOf(entry: Story | Boundary): number {
  return 'item' in entry ? Date.parse(entry.item.published) : entry.published;
}

function encodeWalk(walk: Walk): string {
  const positions = walk.positions.map((p) => (p === false ? 0 : p));
  const value = walk.boundary ? { b: [walk.boundary.published, walk.boundary.id], p: positions } : { p: positions };
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeWalk(cursor: string, count: number): Walk {
  const walk = parseWalk(cursor, count);
  if (!walk || encodeWalk(walk) !== cursor) throw new QueryError('http: bad query: cursor is not a "next" cursor of this listing');
  return walk;
}

function parseWalk(cursor: string, count: number): Walk | undefined {
  let value: { b?: unknown; p?: unknown };
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof value;
  } catch {
    return undefined;
  }
  const { b, p } = value ?? {};
  if (!Array.isArray(p) || p.length !== count) return undefined;
  const positions = p.map((x: unknown): Position | undefined => (x === 0 ? false : x === null || (typeof x === 'string' && x !== '') ? x : undefined));
  if (positions.includes(undefined)) return undefined;
  if (b === undefined) return { positions: positions as Position[] };
  if (!Array.isArray(b) || typeof b[0] !== 'number' || typeof b[1] !== 'string') return undefined;
  return { boundary: { published: b[0], id: b[1] }, positions: positions as Position[] };
}
