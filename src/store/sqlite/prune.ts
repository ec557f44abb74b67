import type { Conn } from './connection.ts';
import { bumpFeeds } from './feeds.ts';
import { dropExpired } from './fingerprints.ts';
import { deleteStory, type StoryRow } from './story-rows.ts';

// Stories are removed a batch per transaction, so another process waiting to write is held up for
// one batch at most, not for the whole prune.
const BATCH = 500;

/**
 * Removes stories first seen before `cutoff` with everything about them, bumping their feeds'
 * versions at `now`; then drops fingerprint entries expired by `cutoff`, which no window that
 * still keeps stories from before it can reach. Returns how many stories were removed.
 */
export function pruneStories(conn: Conn, cutoff: number, now: () => number): number {
  const batch = conn.db.transaction(() => {
    const rows = conn.sql('SELECT rowid, id, published, body FROM stories WHERE first_seen < ? ORDER BY first_seen LIMIT ?').all(cutoff, BATCH) as StoryRow[];
    const changed = rows.flatMap((row) => deleteStory(conn, row));
    bumpFeeds(conn, changed, now());
    return rows.length;
  });
  let removed = 0;
  let count: number;
  do {
    count = batch.immediate();
    removed += count;
  } while (count === BATCH);
  conn.db.transaction(() => dropExpired(conn, cutoff)).immediate();
  return removed;
}
