import { decodeCursor, encodeCursor } from '../cursor.ts';
import { searchWords } from '../search-words.ts';
import type { StoryPage, StoryQuery } from '../store.ts';
import { checkLimit, type IndexEntry } from '../story-order.ts';
import type { Conn } from './connection.ts';
import { readStories } from './story-rows.ts';

/** A listing table: one row per (filter value, story), keyed (value, published, story_id). */
interface Listing {
  table: string;
  column: string;
}

const REGIONS: Listing = { table: 'story_regions', column: 'region' };
const COUNTRIES: Listing = { table: 'story_countries', column: 'country' };
const SOURCES: Listing = { table: 'story_sources', column: 'source_id' };

interface PageRow {
  id: string;
  published: number;
}

/**
 * A page of stories matching every filter, newest published first, ties by id descending. The page
 * is walked on one listing table's primary key (the narrowest filter's, else stories_by_published),
 * from the cursor down, so no query sorts more than it shows; other filters are checked per row.
 */
export function listStories(conn: Conn, query: StoryQuery): StoryPage {
  checkLimit(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const { sql, params } = pageQuery(query, after);
  const rows = conn.sql(sql).all(...params, query.limit + 1) as PageRow[];
  const shown = rows.slice(0, query.limit);
  const stories = readStories(
    conn,
    shown.map((row) => row.id),
  );
  const last = shown.at(-1);
  return {
    stories: shown.map((row) => stories.get(row.id)).filter((story) => story !== undefined),
    ...(rows.length > query.limit && last ? { next: encodeCursor({ score: last.published, id: last.id }) } : {}),
  };
}

// The SELECT of a page's ids, its LIMIT left to bind last.
function pageQuery(query: StoryQuery, after: IndexEntry | undefined): { sql: string; params: unknown[] } {
  const filters: [Listing, string][] = [];
  if (query.country !== undefined) filters.push([COUNTRIES, query.country]);
  if (query.source !== undefined) filters.push([SOURCES, query.source]);
  if (query.region !== undefined) filters.push([REGIONS, query.region]);
  const [drive, ...others] = filters;
  const published = drive ? 'd.published' : 's.published';
  const id = drive ? 'd.story_id' : 's.id';
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (drive) add(`d.${drive[0].column} = ?`, drive[1]);
  for (const [listing, value] of others) {
    const row = `o.published = ${published} AND o.story_id = ${id}`;
    add(`EXISTS (SELECT 1 FROM ${listing.table} o WHERE o.${listing.column} = ? AND ${row})`, value);
  }
  if (after) add(`(${published}, ${id}) < (?, ?)`, after.score, after.id);
  if (query.since !== undefined) add(`${published} >= ?`, query.since.getTime());
  if (query.language !== undefined) add('s.language = ?', query.language.toLowerCase());
  const words = searchWords(query.q ?? '');
  // Each word quoted: a word is letters and digits only, but the MATCH syntax must never see an operator.
  const match = words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
  if (words.length > 0) add('s.rowid IN (SELECT rowid FROM story_words WHERE story_words MATCH ?)', match);
  const from = drive ? `${drive[0].table} d JOIN stories s ON s.id = d.story_id` : 'stories s';
  const sql =
    `SELECT ${id} AS id, ${published} AS published FROM ${from}` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${published} DESC, ${id} DESC LIMIT ?`;
  return { sql, params };
}
