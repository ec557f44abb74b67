/** The store stage: the Store interface and its two implementations. */
export type {
  Store,
  StoryPage,
  SaveOutcome,
  ListOptions,
  FingerprintEntry,
  FingerprintCandidate,
  FingerprintWindow,
} from './store.ts';
export { RedisStore, type RedisStoreOptions } from './redis-store.ts';
export { EmbeddedStore, type EmbeddedOptions } from './embedded-store.ts';
export { openStore, connectRedis, EMBEDDED_FILE, type OpenStoreOptions } from './open-store.ts';
export { createKeys, DEFAULT_PREFIX, type RedisKeys } from './keys.ts';
