import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { StoreError } from '../domain/index.ts';
import type { Store } from './store.ts';
import { EmbeddedStore } from './embedded-store.ts';
import { RedisStore } from './redis-store.ts';

/** Where the store lives: Redis when a URL is given, else a file under `dataDir`. */
export interface OpenStoreOptions {
  redisUrl?: string;
  dataDir: string;
  prefix?: string;
  /** Connection attempts before giving up on Redis (default 5, about 2 s). */
  connectAttempts?: number;
}

/** Name of the embedded store's file inside the data directory. */
export const EMBEDDED_FILE = 'wirefeed-store.json';

/** Opens the configured store, failing now (not at the first request) if it cannot be used. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.redisUrl) {
    const redis = await connectRedis(options.redisUrl, options.connectAttempts ?? 5);
    return new RedisStore({ redis, prefix: options.prefix });
  }
  try {
    await mkdir(options.dataDir, { recursive: true });
  } catch (error) {
    throw new StoreError(`store: cannot create data directory ${options.dataDir}`, { cause: error });
  }
  return EmbeddedStore.open(path.join(options.dataDir, EMBEDDED_FILE));
}

/** Connects eagerly, retrying a few times (Redis may still be starting), then fails clearly. */
export async function connectRedis(url: string, attempts: number): Promise<Redis> {
  let ready = false;
  let lastError: unknown;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 2,
    // Before the first connection our loop below retries; once up, reconnect with capped backoff.
    retryStrategy: (times) => (ready ? Math.min(times * 200, 2000) : null),
  });
  // Connection errors surface through the commands that fail; without a listener ioredis prints them.
  redis.on('error', (error: unknown) => {
    lastError = error;
  });
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await redis.connect();
      ready = true;
      return redis;
    } catch (error) {
      lastError ??= error;
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, attempt * 200));
    }
  }
  redis.disconnect();
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new StoreError(`store: cannot connect to Redis at ${redactUrl(url)} after ${attempts} attempts: ${reason}`, {
    cause: lastError,
  });
}

// A Redis URL may carry a password; messages and logs must not.
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparseable URL';
  }
}
