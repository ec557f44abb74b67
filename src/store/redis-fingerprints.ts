import type { Redis } from 'ioredis';
import { runScript, runScriptBuffer } from './redis-scripts.ts';
import { FIND_BANDS, INDEX_FINGERPRINTS, READ_SIGNATURES } from './redis-fingerprint-scripts.ts';
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

function shardOf(text: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

/** Writes every entry's bands (first holder kept) and signature, in one script call. */
export async function indexFingerprints(
  redis: Redis,
  keys: RedisKeys,
  entries: FingerprintEntry[],
  window: FingerprintWindow,
): Promise<void> {
  if (entries.length === 0) return;
  const day = Math.floor((window.now.getTime() + window.hours * HOUR) / DAY);
  const prefixes = keys.scriptPrefixes();
  const bands = entries.flatMap((e, j) => e.bandKeys.map((band) => `${shardOf(band, BAND_SHARDS)}:${band}:${j + 1}`)).join(' ');
  const shards = entries.map((e) => shardOf(e.storyId, SIGNATURE_SHARDS)).join(' ');
  const args = [(day + 1) * DAY, `${prefixes.fingerprintBands}${day}:`, `${prefixes.fingerprintSignatures}${day}:`, bands, shards];
  await runScript(redis, INDEX_FINGERPRINTS, [], [...args, ...entries.map((e) => e.storyId), ...entries.map((e) => Buffer.from(e.signature))]);
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
  const packed = bandKeys.map((band) => `${shardOf(band, BAND_SHARDS)}:${band}`).join(' ');
  const { fingerprintBands } = keys.scriptPrefixes();
  const hits = (await runScript(redis, FIND_BANDS, [], [fingerprintBands, first, last, packed])) as (number | string)[];
  const found = new Map<string, { day: number; bandKeys: Set<string> }>();
  for (let h = 0; h < hits.length; h += 2) {
    const [at, id] = [(hits[h] as number) - 1, String(hits[h + 1])];
    const hit = found.get(id) ?? { day: first + Math.floor(at / bandKeys.length), bandKeys: new Set<string>() };
    hit.bandKeys.add(bandKeys[at % bandKeys.length] as string);
    found.set(id, hit);
  }
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
  const ids = [...found.keys()];
  const places = ids.map((id) => `${(found.get(id) as { day: number }).day}:${shardOf(id, SIGNATURE_SHARDS)}`).join(' ');
  const prefixes = keys.scriptPrefixes();
  const read = (await runScriptBuffer(redis, READ_SIGNATURES, [], [prefixes.fingerprintSignatures, prefixes.story, places, ...ids])) as (Buffer | null)[];
  const candidates: FingerprintCandidate[] = [];
  ids.forEach((storyId, i) => {
    const signature = read[i];
    const held = (found.get(storyId) as { bandKeys: Set<string> }).bandKeys;
    if (signature instanceof Buffer) candidates.push({ storyId, signature: new Uint8Array(signature), bandKeys: asked.filter((key) => held.has(key)) });
  });
  return candidates;
}
