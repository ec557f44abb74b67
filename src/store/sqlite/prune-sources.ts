import type { SourceRetention } from '../store.ts';
import type { Conn } from './connection.ts';
import { bumpFeeds } from './feeds.ts';
import { deleteStory, type StoryRow } from './story-rows.ts';

// A batch per transaction, as prune does, so a waiting writer is held up for one batch at most.
const BATCH = 500;

/**
 * Removes, per source, the stories it started that were first seen before `since` or fall beyond its
 * `keep` newest (by first seen, then id), with everything about them; bumps their feeds at `now`.
 */
export function pruneSourceStories(conn: Conn, limits: SourceRetention[], now: () => number): number {
  let removed = 0;
  for (const limit of limits) {
    const batch = conn.db.transaction(() => {
      const rows = victims(conn, limit);
      bumpFeeds(
        conn,
        rows.flatMap((row) => deleteStory(conn, row)),
        now(),
      );
      return rows.length;
    });
    // Until a batch finds nothing: the expired go first, then the surplus, each in batches.
    for (let count = batch.immediate(); count > 0; count = batch.immediate()) removed += count;
  }
  return removed;
}

// Both reads walk stories_by_source: the expired from its oldest end, the surplus past `keep` from its newest.
function victims(conn: Conn, { sourceId, since, keep }: SourceRetention): StoryRow[] {
  const expired = conn
    .sql('SELECT rowid, id, published, body FROM stories WHERE source_id = ? AND first_seen < ? ORDER BY first_seen, id LIMIT ?')
    .all(sourceId, since.getTime(), BATCH) as StoryRow[];
  if (expired.length > 0 || keep === undefined) return expired;
  return conn
    .sql('SELECT rowid, id, published, body FROM stories WHERE source_id = ? ORDER BY first_seen DESC, id DESC LIMIT ? OFFSET ?')
    .all(sourceId, BATCH, keep) as StoryRow[];
}
