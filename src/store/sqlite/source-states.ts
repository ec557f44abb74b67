import type { SourceState } from '../../domain/index.ts';
import type { Conn } from './connection.ts';

// A state is kept as JSON, so what is read back is what JSON keeps: undefined fields are dropped.

// Each write takes the next change sequence number; writes are serialized by the write lock, so a
// reader's snapshot holds every number up to the highest it sees, with no gap.
const INSERT = `INSERT INTO source_states (source_id, state, changed)
  VALUES (?, ?, (SELECT coalesce(max(changed), 0) + 1 FROM source_states))
  ON CONFLICT (source_id) DO UPDATE SET changed = excluded.changed, state =`;
const SAVE = `${INSERT} excluded.state`;
// The stored subscription in place of the state's own (none if none is stored), without reading the row out.
const SAVE_KEEPING_SUBSCRIPTION = `${INSERT}
  CASE WHEN source_states.state -> '$.websub' IS NULL THEN excluded.state
  ELSE json_set(excluded.state, '$.websub', json(source_states.state -> '$.websub')) END`;

/** Saves a source's state over its previous one; `keepSubscription`: the stored `websub` stays. */
export function saveSourceState(conn: Conn, state: SourceState, keepSubscription = false): void {
  const own = keepSubscription ? { ...state, websub: undefined } : state;
  conn.sql(keepSubscription ? SAVE_KEEPING_SUBSCRIPTION : SAVE).run(state.sourceId, JSON.stringify(own));
}

/** One source's state, if stored. */
export function readSourceState(conn: Conn, sourceId: string): SourceState | undefined {
  const text = conn.sql('SELECT state FROM source_states WHERE source_id = ?').pluck().get(sourceId) as string | undefined;
  return text === undefined ? undefined : (JSON.parse(text) as SourceState);
}

/** Every stored state, by source id. */
export function readSourceStates(conn: Conn): SourceState[] {
  const texts = conn.sql('SELECT state FROM source_states ORDER BY source_id').pluck().all() as string[];
  return texts.map((text) => JSON.parse(text) as SourceState);
}

/** The states written after change number `after`, and the highest change number read (`after` if none). */
export function readSourceStatesSince(conn: Conn, after: number): { states: SourceState[]; last: number } {
  const rows = conn.sql('SELECT state, changed FROM source_states WHERE changed > ? ORDER BY changed').all(after) as { state: string; changed: number }[];
  return { states: rows.map((row) => JSON.parse(row.state) as SourceState), last: rows.at(-1)?.changed ?? after };
}

/** Removes the states of sources not in `keep`; returns how many. */
export function forgetSources(conn: Conn, keep: string[]): number {
  return conn.sql('DELETE FROM source_states WHERE source_id NOT IN (SELECT value FROM json_each(?))').run(JSON.stringify(keep)).changes;
}
