import type { Redis } from 'ioredis';
import { StoreError } from '../domain/index.ts';
import type { RedisKeys } from './keys.ts';
import type { FingerprintCandidate, FingerprintEntry, FingerprintWindow } from './store.ts';

// Entries live in small hashes, sharded and grouped by the day they expire: a hash of a few dozen
// short fields is stored as a compact listpack (a key per band would cost ~100 bytes each), and a
// whole day's group expires at once with PEXPIREAT. An entry may outlive its expiry by up to a day;
// the dedupe stage holds its window exactly with the time in each signature.
const DAY = 86_400_000;
const HOUR = 3_600_000;
const BAND_SHARDS = 4096;
const SIGNATURE_SHARDS = 2048;

function shardOf(text: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

/** Writes the band entries (first holder kept) and the signature, in one pipeline. */
export async function indexFingerprint(
  redis: Redis,
  keys: RedisKeys,
  entry: FingerprintEntry,
  window: FingerprintWindow,
): Promise<void> {
  const day = Math.floor((window.now.getTime() + window.hours * HOUR) / DAY);
  const expireAt = (day + 1) * DAY;
  const pipeline = redis.pipeline();
  const touched = new Set<string>();
  for (const band of entry.bandKeys) {
    const key = keys.fingerprintBands(day, shardOf(band, BAND_SHARDS));
    pipeline.hsetnx(key, band, entry.storyId);
    touched.add(key);
  }
  const signatureKey = keys.fingerprintSignatures(day, shardOf(entry.storyId, SIGNATURE_SHARDS));
  pipeline.hset(signatureKey, entry.storyId, Buffer.from(entry.signature));
  touched.add(signatureKey);
  for (const key of touched) pipeline.pexpireat(key, expireAt);
  await exec(pipeline, `index the fingerprint of story ${entry.storyId}`);
}

/** Looks every band key up in each day group that may hold a live entry, then reads the signatures. */
export async function findCandidates(
  redis: Redis,
  keys: RedisKeys,
  bandKeys: string[],
  window: FingerprintWindow,
): Promise<FingerprintCandidate[]> {
  if (bandKeys.length === 0) return [];
  const first = Math.floor(window.now.getTime() / DAY);
  const last = Math.floor((window.now.getTime() + window.hours * HOUR) / DAY);
  const lookups: { day: number }[] = [];
  const bands = redis.pipeline();
  for (let day = first; day <= last; day++) {
    for (const band of bandKeys) {
      bands.hget(keys.fingerprintBands(day, shardOf(band, BAND_SHARDS)), band);
      lookups.push({ day });
    }
  }
  const ids = await exec(bands, 'find fingerprint candidates');
  const found = new Map<string, number>();
  ids.forEach((id, i) => {
    if (typeof id === 'string' && !found.has(id)) found.set(id, (lookups[i] as { day: number }).day);
  });
  if (found.size === 0) return [];
  const signatures = redis.pipeline();
  for (const [id, day] of found) signatures.hgetBuffer(keys.fingerprintSignatures(day, shardOf(id, SIGNATURE_SHARDS)), id);
  const read = await exec(signatures, 'read fingerprint signatures');
  const candidates: FingerprintCandidate[] = [];
  [...found.keys()].forEach((storyId, i) => {
    const signature = read[i];
    if (signature instanceof Buffer) candidates.push({ storyId, signature: new Uint8Array(signature) });
  });
  return candidates;
}

async function exec(pipeline: ReturnType<Redis['pipeline']>, action: string): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw new StoreError(`store: ${action} failed: ${error.message}`, { cause: error });
    return value;
  });
}
