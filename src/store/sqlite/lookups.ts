import type { Reporters } from '../store.ts';
import type { Conn } from './connection.ts';

/** Who reported each stored story asked for: its item and its copies' items, and their sources, each once. */
export function findReporters(conn: Conn, storyIds: string[]): Map<string, Reporters> {
  const json = JSON.stringify(storyIds);
  const stories = conn.sql('SELECT id, source_id FROM stories WHERE id IN (SELECT value FROM json_each(?))').all(json) as {
    id: string;
    source_id: string;
  }[];
  const copies = conn
    .sql('SELECT story_id, item_id, source_id FROM copies WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY story_id, position')
    .all(json) as { story_id: string; item_id: string; source_id: string }[];
  // A story's id is its first item's id (see Story).
  const found = new Map(stories.map((row) => [row.id, { itemIds: new Set([row.id]), sourceIds: new Set([row.source_id]) }]));
  for (const copy of copies) {
    const reporters = found.get(copy.story_id);
    reporters?.itemIds.add(copy.item_id);
    reporters?.sourceIds.add(copy.source_id);
  }
  const reporters = new Map<string, Reporters>();
  for (const id of storyIds) {
    const each = found.get(id);
    if (each) reporters.set(id, { itemIds: [...each.itemIds], sourceIds: [...each.sourceIds] });
  }
  return reporters;
}
