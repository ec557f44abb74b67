import type { Redis } from 'ioredis';
import { StoreError } from '../domain/index.ts';
import type { RedisKeys } from './keys.ts';
import type { FingerprintCandidate, FingerprintEntry, FingerprintWindow } from './store.ts';

// Entries live in small hashes, sharded and grouped by the day they expire: a hash of under 128
// short fields with values ≤ 64 bytes is stored as a compact listpack (a key per band would cost
// ~100 bytes each), and a whole day's group expires at once with PEXPIREAT. An entry may outlive
// its expiry by up to a day; the dedupe stage holds its window exactly with the time in each signature.
// Shard counts keep 100,000 stories indexed in one day under 128 fields per hash.
const DAY = 86_400_000;
const HOUR = 3_600_000;
const BAND_SHARDS = 8192;
const SIGNATURE_SHARDS = 2048;

type Pipeline = ReturnType<Redis['pipeline']>;

function shardOf(text: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

/** Writes every entry's bands (first holder kept) and signature, in one pipeline. */
export async function indexFingerprints(
  redis: Redis,
  keys: RedisKeys,
  entries: FingerprintEntry[],
  window: FingerprintWindow,
): Promise<void> {
  if (entries.length === 0) return;
  const day = Math.floor((window.now.getTime() + window.hours * HOUR) / DAY);
  const pipeline = redis.pipeline();
  const touched = new Set<string>();
  for (const entry of entries) {
    for (const band of entry.bandKeys) {
      const key = keys.fingerprintBands(day, shardOf(band, BAND_SHARDS));
      pipeline.hsetnx(key, band, entry.storyId);
      touched.add(key);
    }
    const signatureKey = keys.fingerprintSignatures(day, shardOf(entry.storyId, SIGNATURE_SHARDS));
    pipeline.hset(signatureKey, entry.storyId, Buffer.from(entry.signature));
    touched.add(signatureKey);
  }
  for (const key of touched) pipeline.pexpireat(key, (day + 1) * DAY);
  await exec(pipeline, `index ${entries.length} fingerprints`);
}

/** Looks every band key up in each day group that may hold a live entry, then reads the signatures. */
export async function findCandidates(
  redis: Redis,
  keys: RedisKeys,
  asked: string[],
  window: FingerprintWindow,
): Promise<FingerprintCandidate[]> {
  const bandKeys = [...new Set(asked)];
  if (bandKeys.length === 0) return [];
  const first = Math.floor(window.now.getTime() / DAY);
  const last = Math.floor((window.now.getTime() + window.hours * HOUR) / DAY);
  const bands = redis.pipeline();
  for (let day = first; day <= last; day++) {
    for (const band of bandKeys) bands.hget(keys.fingerprintBands(day, shardOf(band, BAND_SHARDS)), band);
  }
  const ids = await exec(bands, 'find fingerprint candidates');
  const found = new Map<string, { day: number; bandKeys: Set<string> }>();
  ids.forEach((id, i) => {
    if (typeof id !== 'string') return;
    const hit = found.get(id) ?? { day: first + Math.floor(i / bandKeys.length), bandKeys: new Set<string>() };
    hit.bandKeys.add(bandKeys[i % bandKeys.length] as string);
    found.set(id, hit);
  });
  if (found.size === 0) return [];
  return readSignatures(redis, keys, found, bandKeys);
}

// A signature whose story was pruned (or never saved) is no candidate: nothing could be filed under it.
async function readSignatures(
  redis: Redis,
  keys: RedisKeys,
  found: Map<string, { day: number; bandKeys: Set<string> }>,
  asked: string[],
): Promise<FingerprintCandidate[]> {
  const reads = redis.pipeline();
  for (const [id, { day }] of found) {
    reads.hgetBuffer(keys.fingerprintSignatures(day, shardOf(id, SIGNATURE_SHARDS)), id);
    reads.exists(keys.story(id));
  }
  const read = await exec(reads, 'read fingerprint signatures');
  const candidates: FingerprintCandidate[] = [];
  let at = 0;
  for (const [storyId, hit] of found) {
    const [signature, exists] = [read[at], read[at + 1]];
    at += 2;
    if (!(signature instanceof Buffer) || exists !== 1) continue;
    candidates.push({ storyId, signature: new Uint8Array(signature), bandKeys: asked.filter((key) => hit.bandKeys.has(key)) });
  }
  return candidates;
}

async function exec(pipeline: Pipeline, action: string): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw new StoreError(`store: ${action} failed: ${error.message}`, { cause: error });
    return value;
  });
}
