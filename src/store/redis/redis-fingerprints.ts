import { hash } from 'node:crypto';
import type { FingerprintCandidate, FingerprintWindow } from '../store.ts';
import { BAND_SHARDS, SIGNATURE_SHARDS, fnv1a, type RedisKeys } from './keys.ts';
import { FIND_BANDS, READ_SIGNATURES } from './redis-lookup-scripts.ts';
import { KeyList, runScript, runScriptBuffer, type RedisClient, type ScriptArg } from './redis-scripts.ts';

// Entries live in small hashes, sharded and grouped by epoch, a stretch of time as long as the window
// (epoch = floor(filed at / window)): a hash of under 128 short fields with values ≤ 64 bytes is a
// compact listpack (a key per band would cost ~100 bytes each), and a whole epoch's group expires at
// once, at the end of the following epoch. So lookups read two groups, this epoch's and the last
// one's, and the exact expiry of each entry is its story's (kept in the story record), which the
// scripts check: a band held by a story gone or expired is free. A changed window length renames the
// groups: entries filed under the old length are not found again.
const HOUR = 3_600_000;

// A band key as dedupe makes it (a band digit or `t` for the headline, then a 32-bit hash in base 36,
// up to 8 characters) is its field as 5 bytes: the band (0–9, 10 for `t`: bytes no band key text
// starts with) and the hash. Any other key is its field as it is.
const PACKABLE = /^([0-9t])([0-9a-z]{1,7})$/;

/** The field of a band key in its band hash. */
export function bandField(band: string): ScriptArg {
  const match = PACKABLE.exec(band);
  const value = match ? parseInt(match[2] as string, 36) : NaN;
  if (!match || value > 0xffffffff || value.toString(36) !== match[2]) return band;
  const field = Buffer.alloc(5);
  field.writeUInt8(match[1] === 't' ? 10 : Number(match[1]), 0);
  field.writeUInt32BE(value, 1);
  return field;
}

/** A story's field in its signature hash: 8 bytes of sha256 of its id. */
export function signatureField(storyId: string): Buffer {
  return hash('sha256', storyId, 'buffer').subarray(0, 8);
}

function shardOf(text: string, shards: number): number {
  return fnv1a(text) % shards;
}

/** The fingerprint groups a filing or lookup at `window.now` reads and writes. */
export function fingerprintGroups(keys: RedisKeys, window: FingerprintWindow) {
  const length = window.hours * HOUR;
  const now = window.now.getTime();
  const epoch = Math.floor(now / length);
  return {
    now,
    hours: window.hours,
    /** When this epoch's group expires as a whole. */
    expireAt: (epoch + 2) * length,
    /** The hash of a band key in this epoch's group (offset 0) or the last one's (-1). */
    bandKey: (band: string, offset: 0 | -1) => keys.bands(epoch + offset, shardOf(band, BAND_SHARDS)),
    signatureKey: (storyId: string, offset: 0 | -1 = 0) => keys.signatures(epoch + offset, shardOf(storyId, SIGNATURE_SHARDS)),
  };
}

/** Live stories holding any of the band keys, each once with its signature and the keys it holds. */
export async function findCandidates(redis: RedisClient, keys: RedisKeys, asked: string[], window: FingerprintWindow): Promise<FingerprintCandidate[]> {
  const bands = [...new Set(asked)];
  if (bands.length === 0) return [];
  const groups = fingerprintGroups(keys, window);
  const list = new KeyList(keys.records);
  const args: ScriptArg[] = [groups.now];
  for (const band of bands) args.push(list.index(groups.bandKey(band, 0)), list.index(groups.bandKey(band, -1)), bandField(band));
  const hits = (await runScript(redis, FIND_BANDS, list.keys, args)) as (number | string)[];
  const found = new Map<string, { offset: 0 | -1; held: Set<string> }>();
  for (let h = 0; h < hits.length; h += 3) {
    const id = String(hits[h + 2]);
    const hit = found.get(id) ?? { offset: hits[h + 1] === 0 ? 0 : -1, held: new Set<string>() };
    hit.held.add(bands[(hits[h] as number) - 1] as string);
    found.set(id, hit);
  }
  if (found.size === 0) return [];
  const ids = [...found.keys()];
  const signatures = new KeyList();
  const pairs = ids.flatMap((id) => [signatures.index(groups.signatureKey(id, (found.get(id) as { offset: 0 | -1 }).offset)), signatureField(id)]);
  const read = (await runScriptBuffer(redis, READ_SIGNATURES, signatures.keys, pairs)) as (Buffer | null)[];
  return ids.flatMap((storyId, i) => {
    const signature = read[i];
    const { held } = found.get(storyId) as { held: Set<string> };
    return signature instanceof Buffer ? [{ storyId, signature: new Uint8Array(signature), bandKeys: bands.filter((band) => held.has(band)) }] : [];
  });
}
