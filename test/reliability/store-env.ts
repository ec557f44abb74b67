import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { readSettings } from '../../src/cli/settings.ts';
import { openStore, type Store } from '../../src/store/index.ts';

/** Which store the CLI processes of a test share. */
export type StoreKind = 'redis' | 'sqlite';

/** A store of its own for one test: the environment that points the CLI at it, and the way to read it back. */
export interface StoreEnv {
  kind: StoreKind;
  env: NodeJS.ProcessEnv;
  open(): Promise<Store>;
  /** Removes every key of the prefix, or the data directory. */
  cleanup(): Promise<void>;
}

/** The environment variable the CLI takes its Redis key prefix from. */
export const PREFIX_VARIABLE = 'WIREFEED_REDIS_PREFIX';

/**
 * Redis on REDIS_URL (default 127.0.0.1:6379) under a fresh key prefix, or SQLite in a temporary
 * directory; `label` starts the prefix and the directory's name (benchmarks use their own).
 */
export async function createStoreEnv(kind: StoreKind, label = 'wirefeed-test'): Promise<StoreEnv> {
  return kind === 'redis' ? redisEnv(label) : sqliteEnv(label);
}

async function redisEnv(label: string): Promise<StoreEnv> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const id = randomUUID();
  const prefix = `${label}:${id}:`;
  assertPrefixSetting(prefix);
  return {
    kind: 'redis',
    env: { REDIS_URL: redisUrl, [PREFIX_VARIABLE]: prefix },
    open: () => openStore({ redisUrl, dataDir: tmpdir(), prefix }),
    // Matched by the id alone: the store may wrap its prefix (a Cluster hash tag, `{wirefeed-test:…}`).
    cleanup: () => deleteKeys(redisUrl, `*${id}*`),
  };
}

async function sqliteEnv(label: string): Promise<StoreEnv> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `${label}-`));
  return {
    kind: 'sqlite',
    env: { REDIS_URL: '', WIREFEED_DATA_DIR: dataDir },
    open: () => openStore({ dataDir }),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

// Without the setting every process would write under the default `wirefeed:` prefix of a shared
// Redis: refuse before any process starts.
function assertPrefixSetting(prefix: string): void {
  const settings = readSettings(['fetch-once'], { [PREFIX_VARIABLE]: prefix });
  if (!Object.values(settings).includes(prefix)) {
    throw new Error(`the CLI does not read ${PREFIX_VARIABLE}: these tests cannot keep their Redis keys apart`);
  }
}

/** Deletes the keys matching `pattern`, found by SCAN (never KEYS on a shared server). */
export async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
