// The store a benchmark run files into: embedded SQLite in a temporary directory, or Redis on
// REDIS_URL under a fresh key prefix, cleaned up after. Each tells its size and, for Redis, the
// server's CPU (the worker's Redis work is spent there, not in the worker process).
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { readSettings } from '../../src/cli/settings.ts';
import { openStore, type Store } from '../../src/store/index.ts';

/** Which store. */
export type StoreKind = 'sqlite' | 'redis';

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

/** Where the CLI takes its Redis key prefix from (src/cli/settings.ts). */
const PREFIX_VARIABLE = 'WIREFEED_REDIS_PREFIX';

/** A fresh store of the kind. */
export async function createTarget(kind: StoreKind): Promise<StoreTarget> {
  return kind === 'redis' ? redisTarget() : sqliteTarget();
}

async function sqliteTarget(): Promise<StoreTarget> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'wirefeed-bench-'));
  return {
    kind: 'sqlite',
    env: { REDIS_URL: '', WIREFEED_DATA_DIR: dataDir },
    open: () => openStore({ dataDir }),
    async bytes() {
      const files = await readdir(dataDir);
      const sizes = await Promise.all(files.map(async (file) => (await stat(path.join(dataDir, file))).size));
      return sizes.reduce((sum, size) => sum + size, 0);
    },
    serverCpuMs: async () => 0,
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function redisTarget(): Promise<StoreTarget> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const id = randomUUID();
  const prefix = `wirefeed-bench:${id}:`;
  // Without the setting the CLI would file under the default `wirefeed:` prefix of a shared Redis.
  if (!Object.values(readSettings(['fetch-once'], { [PREFIX_VARIABLE]: prefix })).includes(prefix)) {
    throw new Error(`bench: the CLI does not read ${PREFIX_VARIABLE}, so the Redis runs cannot keep to a prefix of their own`);
  }
  const admin = new Redis(redisUrl);
  const info = async (section: string, field: string) => Number(new RegExp(`^${field}:([\\d.]+)`, 'm').exec(await admin.info(section))?.[1] ?? NaN);
  return {
    kind: 'redis',
    env: { REDIS_URL: redisUrl, [PREFIX_VARIABLE]: prefix },
    open: () => openStore({ redisUrl, dataDir: tmpdir(), prefix }),
    bytes: () => info('memory', 'used_memory'),
    serverCpuMs: async () => ((await info('cpu', 'used_cpu_user')) + (await info('cpu', 'used_cpu_sys'))) * 1000,
    async dispose() {
      let cursor = '0';
      do {
        // Matched by the id alone: the store may wrap its prefix (a Cluster hash tag, `{wirefeed-bench:…}`).
        const [next, keys] = await admin.scan(cursor, 'MATCH', `*${id}*`, 'COUNT', 1000);
        if (keys.length) await admin.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
      await admin.quit();
    },
  };
}
