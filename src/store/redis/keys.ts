/** Prefix of every key wirefeed writes when none is given. */
export const DEFAULT_PREFIX = 'wirefeed:';

/** Every Redis key the store uses, built from one prefix so that instances and tests never collide. */
export interface RedisKeys {
  prefix: string;
  /** Story JSON, as first saved. */
  story(id: string): string;
  /** List of copies added after the story was saved, oldest first. */
  copies(storyId: string): string;
  /** Set of the identity keys a story claimed, so prune can release them. */
  storyIdentities(storyId: string): string;
  /** Identity key (canonical URL, guid …) → the id of the story holding it. */
  identity(key: string): string;
  /** Sorted set of a region's story ids, scored by published time (ms). */
  region(regionId: string): string;
  /** Sorted set of a country's story ids, scored by published time (ms). */
  country(code: string): string;
  /** Sorted set of every story id, scored by first-seen time (ms), for prune and stats. */
  firstSeen(): string;
  /** Source state JSON. */
  sourceState(sourceId: string): string;
  /** Hash of near-duplicate band key → story id, one shard of the entries indexed in `epoch`. */
  fingerprintBands(epoch: number, shard: number): string;
  /** Hash of story id → fingerprint signature, one shard of the entries indexed in `epoch`. */
  fingerprintSignatures(epoch: number, shard: number): string;
  /**
   * What `story`, `fingerprintBands` and `fingerprintSignatures` put before their variable part: the
   * fingerprint lookup scripts get these once and assemble thousands of keys server-side instead of
   * receiving each in KEYS. Those families are named here and only concatenated in the script.
   */
  scriptPrefixes(): { story: string; fingerprintBands: string; fingerprintSignatures: string };
}

/** Builds the key family for one prefix (default `wirefeed:`). */
export function createKeys(prefix: string = DEFAULT_PREFIX): RedisKeys {
  // Each family has its own namespace word, so no id can make one family's key equal another's.
  return {
    prefix,
    story: (id) => `${prefix}story:${id}`,
    copies: (storyId) => `${prefix}copies:${storyId}`,
    storyIdentities: (storyId) => `${prefix}story-identities:${storyId}`,
    identity: (key) => `${prefix}identity:${key}`,
    region: (regionId) => `${prefix}region:${regionId}`,
    country: (code) => `${prefix}country:${code}`,
    firstSeen: () => `${prefix}first-seen`,
    sourceState: (sourceId) => `${prefix}source:${sourceId}`,
    fingerprintBands: (epoch, shard) => `${prefix}fp-band:${epoch}:${shard}`,
    fingerprintSignatures: (epoch, shard) => `${prefix}fp-sig:${epoch}:${shard}`,
    // A script appends `${epoch}:${shard}` (or a story id) to these, giving the same keys as above.
    scriptPrefixes: () => ({ story: `${prefix}story:`, fingerprintBands: `${prefix}fp-band:`, fingerprintSignatures: `${prefix}fp-sig:` }),
  };
}
