import { createHash } from 'node:crypto';
import type { Conn } from './connection.ts';

// Keys are canonical URLs and guids, often 100 bytes; a 128-bit digest keeps the table and its
// by-story index a third the size, with no collision to expect in the life of any store.
function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest().subarray(0, 16);
}

/** The one rule for identity keys: the first story to claim a key keeps it. */
export function claimKeys(conn: Conn, storyId: string, keys: string[]): void {
  for (const key of keys) conn.sql('INSERT OR IGNORE INTO identities (key, story_id) VALUES (?, ?)').run(digest(key), storyId);
}

/** The story holding a key, if any. */
export function holderOf(conn: Conn, key: string): string | undefined {
  return conn.sql('SELECT story_id FROM identities WHERE key = ?').pluck().get(digest(key)) as string | undefined;
}

/** The story holding each key that is held, in the order asked, in one read. */
export function findHolders(conn: Conn, keys: string[]): Map<string, string> {
  const digests = keys.map((key) => digest(key).toString('hex'));
  const rows = conn
    .sql('SELECT hex(key) AS key, story_id FROM identities WHERE key IN (SELECT unhex(value) FROM json_each(?))')
    .all(JSON.stringify(digests)) as { key: string; story_id: string }[];
  const held = new Map(rows.map((row) => [row.key.toLowerCase(), row.story_id]));
  const holders = new Map<string, string>();
  keys.forEach((key, i) => {
    const storyId = held.get(digests[i] as string);
    if (storyId !== undefined) holders.set(key, storyId);
  });
  return holders;
}
