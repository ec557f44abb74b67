import type { Copy, Story } from '../../domain/index.ts';
import { searchWords } from '../search-words.ts';
import { storyScores } from '../story-order.ts';
import type { Conn } from './connection.ts';
import { feedKeys } from './feeds.ts';
import { decodeBody, encodeBody } from './story-body.ts';

/** A stories row as prune reads it: the keys of its listing and search rows, and its body. */
export interface StoryRow {
  rowid: number;
  id: string;
  published: number;
  body: Buffer;
}

interface CopyRow {
  story_id: string;
  item_id: string;
  source_id: string;
  link: string | null;
  published: string;
}

/** Writes a new story with its copies and its listing and search rows (not its keys or fingerprint). */
export function insertStory(conn: Conn, story: Story): void {
  const { published, firstSeen } = storyScores(story);
  const { lastInsertRowid } = conn
    .sql('INSERT INTO stories (id, published, first_seen, language, source_id, body) VALUES (?, ?, ?, ?, ?, ?)')
    .run(story.id, published, firstSeen, story.item.language?.toLowerCase() ?? null, story.item.sourceId, encodeBody(story));
  for (const region of new Set(story.regions)) {
    conn.sql('INSERT INTO story_regions (region, published, story_id) VALUES (?, ?, ?)').run(region, published, story.id);
  }
  for (const country of new Set(story.countries)) {
    conn.sql('INSERT INTO story_countries (country, published, story_id) VALUES (?, ?, ?)').run(country, published, story.id);
  }
  indexSource(conn, story.item.sourceId, published, story.id);
  const words = searchWords(`${story.item.title} ${story.item.summary}`).join(' ');
  conn.sql('INSERT INTO story_words (rowid, words) VALUES (?, ?)').run(lastInsertRowid, words);
  story.copies.forEach((copy, position) => insertCopy(conn, story.id, position, copy, published));
}

/** Appends a copy to a stored story; returns the story's feeds, or undefined when it is not stored. */
export function appendCopy(conn: Conn, storyId: string, copy: Copy): string[] | undefined {
  const row = conn.sql('SELECT published, body FROM stories WHERE id = ?').get(storyId) as Omit<StoryRow, 'rowid' | 'id'> | undefined;
  if (!row) return undefined;
  const next = conn.sql('SELECT coalesce(max(position) + 1, 0) FROM copies WHERE story_id = ?').pluck().get(storyId) as number;
  insertCopy(conn, storyId, next, copy, row.published);
  return feedKeys(decodeBody(row.body));
}

function insertCopy(conn: Conn, storyId: string, position: number, copy: Copy, published: number): void {
  conn
    .sql('INSERT INTO copies (story_id, position, item_id, source_id, link, published) VALUES (?, ?, ?, ?, ?, ?)')
    .run(storyId, position, copy.itemId, copy.sourceId, copy.link ?? null, copy.published);
  indexSource(conn, copy.sourceId, published, storyId);
}

function indexSource(conn: Conn, sourceId: string, published: number, storyId: string): void {
  conn.sql('INSERT OR IGNORE INTO story_sources (source_id, published, story_id) VALUES (?, ?, ?)').run(sourceId, published, storyId);
}

/** The stories asked for that are stored, with their copies in filing order, as fresh objects. */
export function readStories(conn: Conn, ids: string[]): Map<string, Story> {
  const json = JSON.stringify(ids);
  const rows = conn.sql('SELECT id, body FROM stories WHERE id IN (SELECT value FROM json_each(?))').all(json) as StoryRow[];
  const copies = conn
    .sql('SELECT story_id, item_id, source_id, link, published FROM copies ' + 'WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY story_id, position')
    .all(json) as CopyRow[];
  const stories = new Map<string, Story>();
  for (const row of rows) stories.set(row.id, { ...decodeBody(row.body), copies: [] });
  for (const row of copies) stories.get(row.story_id)?.copies.push(copyOf(row));
  return stories;
}

function copyOf(row: CopyRow): Copy {
  const copy: Copy = { itemId: row.item_id, sourceId: row.source_id, published: row.published };
  if (row.link !== null) copy.link = row.link;
  return copy;
}

/** Deletes a story and every row about it; returns the feeds it was in. */
export function deleteStory(conn: Conn, row: StoryRow): string[] {
  const story = decodeBody(row.body);
  const sources = conn.sql('SELECT DISTINCT source_id FROM copies WHERE story_id = ?').pluck().all(row.id) as string[];
  for (const region of new Set(story.regions)) {
    conn.sql('DELETE FROM story_regions WHERE region = ? AND published = ? AND story_id = ?').run(region, row.published, row.id);
  }
  for (const country of new Set(story.countries)) {
    conn.sql('DELETE FROM story_countries WHERE country = ? AND published = ? AND story_id = ?').run(country, row.published, row.id);
  }
  for (const source of new Set([story.item.sourceId, ...sources])) {
    conn.sql('DELETE FROM story_sources WHERE source_id = ? AND published = ? AND story_id = ?').run(source, row.published, row.id);
  }
  conn.sql('DELETE FROM story_words WHERE rowid = ?').run(row.rowid);
  // Copies, identity keys and the fingerprint (with its band keys) go by ON DELETE CASCADE.
  conn.sql('DELETE FROM stories WHERE id = ?').run(row.id);
  return feedKeys(story);
}
