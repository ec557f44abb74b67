import type { Redis } from 'ioredis';
import { runScript, runScriptBuffer } from './redis-scripts.ts';
import { FIND_BANDS, INDEX_FINGERPRINTS, READ_SIGNATURES } from './redis-fingerprint-scripts.ts';
import type { RedisKeys } from './keys.ts';
import type { FingerprintCandidate, FingerprintEntry, FingerprintWindow } from './store.ts';

// Entries live in small hashes, sharded and grouped by epoch, a stretch of time as long as the window
// (epoch = floor(indexed at / window)): a hash of under 128 short fields with values ≤ 64 bytes is
// stored as a compact listpack (a key per band would cost ~100 bytes each), and a whole epoch's group
// expires at once, at the end of the following epoch. So the index holds up to two windows and a lookup
// reads two groups, the current epoch's and the previous one's; the dedupe stage holds its window
// exactly with the time in each signature. A changed window length renames the groups: entries indexed
// under the old length are not found again. Shard counts keep 100,000 stories indexed in one epoch
// under 128 fields per hash.
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
  const length = window.hours * HOUR;
  const epoch = Math.floor(window.now.getTime() / length);
  const prefixes = keys.scriptPrefixes();
  const bands = entries.flatMap((e, j) => e.bandKeys.map((band) => `${shardOf(band, BAND_SHARDS)}:${band}:${j + 1}`)).join(' ');
  const shards = entries.map((e) => shardOf(e.storyId, SIGNATURE_SHARDS)).join(' ');
  const args = [(epoch + 2) * length, `${prefixes.fingerprintBands}${epoch}:`, `${prefixes.fingerprintSignatures}${epoch}:`, bands, shards];
  await runScript(redis, INDEX_FINGERPRINTS, [], [...args, ...entries.map((e) => e.storyId), ...entries.map((e) => Buffer.from(e.signature))]);
}

/** Looks every band key up in the two epoch groups that may hold a live entry, then reads the signatures. */
export async function findCandidates(
  redis: Redis,
  keys: RedisKeys,
  asked: string[],
  window: FingerprintWindow,
): Promise<FingerprintCandidate[]> {
  const bandKeys = [...new Set(asked)];
  if (bandKeys.length === 0) return [];
  const last = Math.floor(window.now.getTime() / (window.hours * HOUR));
  const first = last - 1;
  const packed = bandKeys.map((band) => `${shardOf(band, BAND_SHARDS)}:${band}`).join(' ');
  const { fingerprintBands } = keys.scriptPrefixes();
  const hits = (await runScript(redis, FIND_BANDS, [], [fingerprintBands, first, last, packed])) as (number | string)[];
  const found = new Map<string, { epoch: number; bandKeys: Set<string> }>();
  for (let h = 0; h < hits.length; h += 2) {
    const [at, id] = [(hits[h] as number) - 1, String(hits[h + 1])];
    const hit = found.get(id) ?? { epoch: first + Math.floor(at / bandKeys.length), bandKeys: new Set<string>() };
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
  found: Map<string, { epoch: number; bandKeys: Set<string> }>,
  asked: string[],
): Promise<FingerprintCandidate[]> {
  const ids = [...found.keys()];
  const places = ids.map((id) => `${(found.get(id) as { epoch: number }).epoch}:${shardOf(id, SIGNATURE_SHARDS)}`).join(' ');
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
