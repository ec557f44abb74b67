/** The store stage: the Store interface and its two implementations. */
export type {
  Store,
  DedupeLookup,
  StoryPage,
  StoryQuery,
  FeedRef,
  FeedVersion,
  Fingerprint,
  FingerprintCandidate,
  FingerprintWindow,
  Reporters,
  FilingEntry,
  SourceFiling,
  FilingOutcome,
  StateChanges,
  SourceRetention,
} from './store.ts';
export { RedisStore, type RedisStoreOptions } from './redis/redis-store.ts';
export { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';
export { openStore, connectRedis, STORE_FILE, LEGACY_JSON_FILE, type OpenStoreOptions } from './open-store.ts';
export { searchWords } from './search-words.ts';
export { DEFAULT_PREFIX, hashTag } from './redis/keys.ts';
