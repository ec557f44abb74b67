import type { SourceState } from '../../domain/index.ts';
import type { Conn } from './connection.ts';

// A state is kept as JSON, so what is read back is what JSON keeps: undefined fields are dropped.

/** Saves a source's state over its previous one. */
export function saveSourceState(conn: Conn, state: SourceState): void {
  conn
    .sql('INSERT INTO source_states (source_id, state) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET state = excluded.state')
    .run(state.sourceId, JSON.stringify(state));
}

/** The state with the stored subscription in place of its own (none if none is stored). */
export function withStoredSubscription(conn: Conn, state: SourceState): SourceState {
  return { ...state, websub: readSourceState(conn, state.sourceId)?.websub };
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

/** Removes the states of sources not in `keep`; returns how many. */
export function forgetSources(conn: Conn, keep: string[]): number {
  return conn.sql('DELETE FROM source_states WHERE source_id NOT IN (SELECT value FROM json_each(?))').run(JSON.stringify(keep)).changes;
}
