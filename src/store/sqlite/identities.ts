import { createHash } from 'node:crypto';
import type { Conn } from './connection.ts';

// Keys are canonical URLs and guids, often 100 bytes; a 128-bit digest keeps the table and its
// by-story index a third the size, with no collision to expect in the life of any store.
function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest().subarray(0, 16);
}

/**
 * The one rule for identity keys: the first story to claim a key keeps it. Claims are
 * (story id, key) pairs, written in their order by one statement.
 */
export function claimKeys(conn: Conn, claims: [string, string][]): void {
  if (claims.length === 0) return;
  const rows = claims.map(([storyId, key]) => [digest(key).toString('hex'), storyId]);
  conn
    .sql("INSERT OR IGNORE INTO identities (key, story_id) SELECT unhex(value ->> '$[0]'), value ->> '$[1]' FROM json_each(?) ORDER BY json_each.key")
    .run(JSON.stringify(rows));
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
