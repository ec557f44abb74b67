import type { Fingerprint, FingerprintCandidate } from '../store.ts';
import type { Conn } from './connection.ts';

// A band key's holder is live while its story is stored (the cascade removes a pruned story's rows)
// and its entry `f` has not expired at the time bound to the `?`.
const LIVE = 'f.expires_at > ?';
const LIVE_HOLDERS =
  'SELECT b.band_key AS bandKey, b.story_id AS storyId, f.signature AS signature FROM band_holders b ' +
  `JOIN fingerprints f ON f.story_id = b.story_id AND ${LIVE} `;

interface HolderRow {
  bandKey: string;
  storyId: string;
  signature: Buffer;
}

/** The live story holding a band key at `now`, if any. */
export function liveHolder(conn: Conn, bandKey: string, now: number): string | undefined {
  const row = conn.sql(`${LIVE_HOLDERS}WHERE b.band_key = ?`).get(now, bandKey) as HolderRow | undefined;
  return row?.storyId;
}

/** Live stories under any of the band keys, each once with the keys it holds, in the order asked. */
export function findCandidates(conn: Conn, bandKeys: string[], now: number): FingerprintCandidate[] {
  const asked = [...new Set(bandKeys)];
  const rows = conn.sql(`${LIVE_HOLDERS}WHERE b.band_key IN (SELECT value FROM json_each(?))`).all(now, JSON.stringify(asked)) as HolderRow[];
  const byKey = new Map(rows.map((row) => [row.bandKey, row]));
  const found = new Map<string, FingerprintCandidate>();
  for (const key of asked) {
    const row = byKey.get(key);
    if (!row) continue;
    const candidate = found.get(row.storyId);
    if (candidate) candidate.bandKeys.push(key);
    else found.set(row.storyId, { storyId: row.storyId, signature: new Uint8Array(row.signature), bandKeys: [key] });
  }
  return [...found.values()];
}

/**
 * Indexes a stored story's fingerprint until `expiresAt`. The one rule for band keys: a live holder
 * keeps its key (the earlier story is the one copies belong to); an expired one gives it up.
 */
export function indexFingerprint(conn: Conn, storyId: string, fingerprint: Fingerprint, now: number, expiresAt: number): void {
  conn.sql('INSERT INTO fingerprints (story_id, signature, expires_at) VALUES (?, ?, ?)').run(storyId, Buffer.from(fingerprint.signature), expiresAt);
  for (const key of fingerprint.bandKeys) {
    conn
      .sql(
        'INSERT INTO band_holders (band_key, story_id) VALUES (?, ?) ON CONFLICT (band_key) DO UPDATE SET story_id = excluded.story_id ' +
          `WHERE NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.story_id = band_holders.story_id AND ${LIVE})`,
      )
      .run(key, storyId, now);
  }
}

/** Drops fingerprint entries (and their band keys) expired by `time`; returns how many. */
export function dropExpired(conn: Conn, time: number): number {
  return conn.sql('DELETE FROM fingerprints WHERE expires_at <= ?').run(time).changes;
}
