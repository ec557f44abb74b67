import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../domain/index.ts';
import type { Store } from './store.ts';
import { connectRedis } from './redis/connect.ts';
import { RedisStore } from './redis/redis-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

export { connectRedis };

/** Where the store lives: Redis when a URL is given, else a SQLite file under `dataDir`. */
export interface OpenStoreOptions {
  redisUrl?: string;
  dataDir: string;
  prefix?: string;
  /** Connection attempts before giving up on Redis (default 5, about 2 s). */
  connectAttempts?: number;
}

/** Name of the SQLite store's file inside the data directory. */
export const STORE_FILE = 'wirefeed.sqlite';

/** Name of the JSON file the embedded store used before SQLite; imported once, then renamed `*.imported`. */
export const LEGACY_JSON_FILE = 'wirefeed-store.json';

/**
 * Opens the configured store, failing now (not at the first request) if it cannot be used. Without
 * Redis, a legacy JSON store in `dataDir` is imported the first time (see `SqliteStore.importedFrom`).
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.redisUrl) {
    const redis = await connectRedis(options.redisUrl, options.connectAttempts ?? 5);
    const store = new RedisStore({ redis, prefix: options.prefix });
    await store.checkLayout().catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    return store;
  }
  try {
    await mkdir(options.dataDir, { recursive: true });
  } catch (error) {
    throw new StoreError(`store: cannot create data directory ${options.dataDir}`, { cause: error });
  }
  const legacyJson = path.join(options.dataDir, LEGACY_JSON_FILE);
  return SqliteStore.open(path.join(options.dataDir, STORE_FILE), { legacyJson });
}
