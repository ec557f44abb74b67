// The store a benchmark run files into: the reliability tests' store environments (embedded SQLite
// in a temporary directory, or Redis on REDIS_URL under a fresh key prefix, cleaned up after), plus
// its size and, for Redis, the server's CPU (the worker's Redis work is spent there, not in the
// worker process).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Store } from '../../src/store/index.ts';
import { createStoreEnv, type StoreEnv, type StoreKind } from '../../test/reliability/store-env.ts';

export type { StoreKind };

/** A fresh store for one measurement. */
export interface StoreTarget {
  kind: StoreKind;
  /** What points the CLI at it. */
  env: NodeJS.ProcessEnv;
  open(): Promise<Store>;
  /** The store's size now: the data directory's files, or Redis used_memory. */
  bytes(): Promise<number>;
  /** CPU milliseconds the Redis server has used so far (0 for SQLite). */
  serverCpuMs(): Promise<number>;
  dispose(): Promise<void>;
}

/** A fresh store of the kind. */
export async function createTarget(kind: StoreKind): Promise<StoreTarget> {
  const store = await createStoreEnv(kind, 'wirefeed-bench');
  return kind === 'redis' ? redisTarget(store) : sqliteTarget(store);
}

function sqliteTarget(store: StoreEnv): StoreTarget {
  const dataDir = store.env.WIREFEED_DATA_DIR as string;
  return {
    ...store,
    async bytes() {
      const files = await readdir(dataDir);
      const sizes = await Promise.all(files.map(async (file) => (await stat(path.join(dataDir, file))).size));
      return sizes.reduce((sum, size) => sum + size, 0);
    },
    serverCpuMs: async () => 0,
    dispose: store.cleanup,
  };
}

function redisTarget(store: StoreEnv): StoreTarget {
  const admin = new Redis(store.env.REDIS_URL as string);
  const info = async (section: string, field: string) => Number(new RegExp(`^${field}:([\\d.]+)`, 'm').exec(await admin.info(section))?.[1] ?? NaN);
  return {
    ...store,
    bytes: () => info('memory', 'used_memory'),
    serverCpuMs: async () => ((await info('cpu', 'used_cpu_user')) + (await info('cpu', 'used_cpu_sys'))) * 1000,
    async dispose() {
      await store.cleanup();
      await admin.quit();
    },
  };
}
