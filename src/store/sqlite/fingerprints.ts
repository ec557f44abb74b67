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

/** The live story holding each band key asked that is held at `now`, in one read. */
export function liveHolders(conn: Conn, bandKeys: string[], now: number): Map<string, string> {
  if (bandKeys.length === 0) return new Map();
  const rows = conn.sql(`${LIVE_HOLDERS}WHERE b.band_key IN (SELECT value FROM json_each(?))`).all(now, JSON.stringify(bandKeys)) as HolderRow[];
  return new Map(rows.map((row) => [row.bandKey, row.storyId]));
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
 * Indexes stored stories' fingerprints until `expiresAt`, all in two statements. The one rule for
 * band keys: a live holder keeps its key (the earlier story is the one copies belong to); an expired
 * one gives it up. Rows are written in order, so a story's band keys go to the first story that asks.
 */
export function indexFingerprints(conn: Conn, prints: { storyId: string; fingerprint: Fingerprint }[], now: number, expiresAt: number): void {
  if (prints.length === 0) return;
  const signatures = prints.map(({ storyId, fingerprint }) => [storyId, Buffer.from(fingerprint.signature).toString('hex')]);
  conn
    .sql(
      "INSERT INTO fingerprints (story_id, signature, expires_at) SELECT value ->> '$[0]', unhex(value ->> '$[1]'), ? FROM json_each(?) ORDER BY json_each.key",
    )
    .run(expiresAt, JSON.stringify(signatures));
  const bands = prints.flatMap(({ storyId, fingerprint }) => fingerprint.bandKeys.map((key) => [key, storyId]));
  if (bands.length === 0) return;
  conn
    .sql(
      "INSERT INTO band_holders (band_key, story_id) SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(?) WHERE true ORDER BY json_each.key " +
        `ON CONFLICT (band_key) DO UPDATE SET story_id = excluded.story_id WHERE NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.story_id = band_holders.story_id AND ${LIVE})`,
    )
    .run(JSON.stringify(bands), now);
}

/** Drops fingerprint entries (and their band keys) expired by `time`; returns how many. */
export function dropExpired(conn: Conn, time: number): number {
  return conn.sql('DELETE FROM fingerprints WHERE expires_at <= ?').run(time).changes;
}
