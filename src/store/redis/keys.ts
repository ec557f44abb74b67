import { hash } from 'node:crypto';
import { StoreError } from '../../domain/index.ts';

/** Prefix of every key wirefeed writes when none is given. */
export const DEFAULT_PREFIX = 'wirefeed:';

// Layout: every key of one store carries ONE hash tag, the prefix without its trailing colon
// (`wirefeed:` → `{wirefeed}:stories`, `{wirefeed}:ids:17` …), so on Redis Cluster the whole store
// is one slot. That is what lets one Lua script file a source's stories, identities, fingerprints,
// indexes, versions and state atomically, and every script gets all its keys in KEYS. The cost: one store's data lives on one
// master (Cluster still gives failover, and other data and queues live on other masters). A newsroom's
// retained year is a few hundred thousand to a few million stories at ~2.5 kB each, 1–10 GB: one
// master holds that. Scripts never build key names; the client builds them all here.
// Measured by scripts/bench/redis-memory.ts at 100,000 stories (layout 3): 2,492 B of used_memory a
// story — records 1,864 (head 148, deflated body 1,442, tail 77, plus the hash's entry and jemalloc's
// rounding), fingerprint bands 190, identity claims 123, signatures 84, indexes 182 (regions 62,
// countries 52, sources 41, everything 26, directories 1), first-seen lists 24. On the store
// benchmark's farm (scripts/bench/farm-memory.ts, 198,000 stories): 2,293 B, its dense hours' index
// buckets being skiplists (see BENCHMARKS.md).
//
// Sizes are chosen so that hashes and sorted sets stay listpacks (Redis's defaults: a hash up to 512
// fields, a sorted set up to 128 members, values ≤ 64 bytes), a third to a quarter of the memory of
// their hash-table and skiplist forms:
// - identity claims live in IDENTITY_BUCKETS hashes of digest → story id (≤ 512 each up to ~1.8
//   million claims, ~600,000 stories; beyond, buckets turn into hash tables, correct but ~2× the bytes);
// - fingerprints of one window live in BAND_SHARDS and SIGNATURE_SHARDS hashes (listpacks up to
//   ~250,000 stories filed per window);
// - listing indexes are sorted sets cut into time buckets (`BUCKET_HOURS` per family), so a bucket
//   holds tens of stories, not the index's thousands, with a directory per index of the days that
//   have stories (a year is 365 entries; a directory of hours would be thousands, a hash table).
// The counts are part of the data's layout: changing one makes existing data unreachable.

/** Hashes identity claims are spread over (see above). */
export const IDENTITY_BUCKETS = 4096;
/**
 * Hashes per fingerprint epoch, for band keys and for signatures. A story files about six band keys:
 * 4,096 shards keep an epoch's bands listpacks (a hash stays one up to 512 fields, Redis's default)
 * up to ~300,000 stories a window, the farm's 198,000 included (~290 a shard); at 2,048 they turned
 * into hash tables past ~150,000 stories (469 B a story on the farm).
 */
export const BAND_SHARDS = 4096;
export const SIGNATURE_SHARDS = 512;

/**
 * The layout this code reads and writes, kept in the store's `layout` key. 3: band hashes are
 * `b:<epoch>:<shard>` over BAND_SHARDS (layout 2, unmarked, had `fb:` over 2,048). A store of
 * another layout is refused (see redis-layout.ts), never read as this one.
 */
export const LAYOUT = 3;

/** A listing index: everything, a region, a country or a source. */
export type IndexRef = { family: 'all' } | { family: 'region' | 'country' | 'source'; id: string };

/** Hours of published time per index bucket, by family: dense indexes get short buckets. */
export const BUCKET_HOURS: Record<IndexRef['family'], number> = { all: 1, region: 1, country: 6, source: 6 };
const HOUR = 3_600_000;

/** The bucket of an index that holds stories published at `ms`. */
export function bucketOf(index: IndexRef, ms: number): number {
  return Math.floor(ms / (BUCKET_HOURS[index.family] * HOUR));
}

/**
 * Where a bucket's scores count from: an index entry is scored by its published ms less this, a few
 * million at most, which a listpack keeps in 4–5 bytes where an epoch ms takes 9.
 */
export function bucketStart(index: IndexRef, bucket: number): number {
  return bucket * BUCKET_HOURS[index.family] * HOUR;
}

/** The day (since the epoch, UTC) of a time: what index directories list. */
export function dayOf(ms: number): number {
  return Math.floor(ms / (24 * HOUR));
}

/** The buckets of an index within a day, newest first. */
export function bucketsOfDay(index: IndexRef, day: number): number[] {
  const perDay = 24 / BUCKET_HOURS[index.family];
  return Array.from({ length: perDay }, (_, i) => (day + 1) * perDay - 1 - i);
}

/** The hour bucket of the first-seen lists (prune walks these). */
export function seenHourOf(ms: number): number {
  return Math.floor(ms / HOUR);
}

/** Every key the Redis store uses; names only, built from one prefix. */
export interface RedisKeys {
  /** Hash: story id → packed story record (see redis-record.ts). */
  records: string;
  /** Hash: identity digest (8 bytes) → id of the story holding it; one of IDENTITY_BUCKETS. */
  identities(bucket: number): string;
  /** Sorted set: story ids published in one bucket of an index, scored by published ms less bucketStart. */
  indexBucket(index: IndexRef, bucket: number): string;
  /** Sorted set: the days in which an index has a non-empty bucket, each scored by itself. */
  indexDirectory(index: IndexRef): string;
  /** List: ids of the stories first seen in one hour. */
  seen(hour: number): string;
  /** Sorted set: the hours that have a first-seen list, scored by themselves. */
  seenDirectory: string;
  /** Sorted set: ids of the stories a source started, scored by first seen ms (its retention walks it). */
  started(sourceId: string): string;
  /** Hash: near-duplicate band key → story id, one shard of the fingerprints filed in an epoch. */
  bands(epoch: number, shard: number): string;
  /** Hash: signatureField(story id) → fingerprint signature, one shard of an epoch. */
  signatures(epoch: number, shard: number): string;
  /** String: the LAYOUT the store was written in. */
  layout: string;
  /** Hash: feed (`all`, `r:<region>`, `c:<country>`) → change version. */
  versions: string;
  /** Hash: source id → source state JSON. */
  sources: string;
  /** Sorted set: source id scored by the change number of its last state write (sourceStatesSince). */
  sourceChanges: string;
  /** String: the last change number given to a state write. */
  sourceChangeCount: string;
  /** String: when a worker last completed a poll (ms). */
  polled: string;
  /** Glob matching every key of this store (for tests and tools that SCAN). */
  pattern: string;
}

/** Where an identity claim lives: its bucket hash and its field there (sha256 of the key, 10 bytes). */
export interface IdentitySlot {
  /** The 10 digest bytes a story record keeps of each key it claimed: bucket (2) then field (8). */
  digest: Buffer;
  bucket: number;
  field: Buffer;
}

/**
 * FNV-1a, 32 bits: spreads band keys and story ids over shards, and hashes search words (cheap,
 * well spread; identity keys get sha256 instead, as a collision there would merge two stories).
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The slot of an identity key (canonical URL, guid, item id). */
export function identitySlot(key: string): IdentitySlot {
  return slotOfDigest(hash('sha256', key, 'buffer').subarray(0, 10));
}

/** The slot of a digest a story record kept. */
export function slotOfDigest(digest: Buffer): IdentitySlot {
  return { digest, bucket: digest.readUInt16BE(0) % IDENTITY_BUCKETS, field: digest.subarray(2) };
}

/** The hash tag every key of a store carries (`{wirefeed}`): also the prefix of its BullMQ queue. */
export function hashTag(prefix: string = DEFAULT_PREFIX): string {
  const tag = prefix.endsWith(':') ? prefix.slice(0, -1) : prefix;
  if (tag === '' || /[{}]/.test(tag)) {
    throw new StoreError(`store: prefix must be non-empty and free of "{" and "}" (it becomes the hash tag), got "${prefix}"`);
  }
  return `{${tag}}`;
}

/** Builds the keys of one store from its prefix (default `wirefeed:`). */
export function createKeys(prefix: string = DEFAULT_PREFIX): RedisKeys {
  const base = `${hashTag(prefix)}:`;
  // Each family has its own word, so no id can make one family's key equal another's.
  const index = (ref: IndexRef) => (ref.family === 'all' ? 'a' : `${ref.family[0]}:${ref.id}`);
  return {
    records: `${base}stories`,
    identities: (bucket) => `${base}ids:${bucket}`,
    indexBucket: (ref, bucket) => `${base}x:${index(ref)}:${bucket}`,
    indexDirectory: (ref) => `${base}xd:${index(ref)}`,
    seen: (hour) => `${base}seen:${hour}`,
    seenDirectory: `${base}seen`,
    started: (sourceId) => `${base}o:${sourceId}`,
    bands: (epoch, shard) => `${base}b:${epoch}:${shard}`,
    signatures: (epoch, shard) => `${base}fs:${epoch}:${shard}`,
    layout: `${base}layout`,
    versions: `${base}versions`,
    sources: `${base}sources`,
    sourceChanges: `${base}source-changes`,
    sourceChangeCount: `${base}source-change-count`,
    polled: `${base}polled`,
    pattern: `${base.replace(/[*?[\]\\]/g, '\\$&')}*`,
  };
}
