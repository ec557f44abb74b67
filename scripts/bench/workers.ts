// `node --import tsx scripts/bench/workers.ts [--feeds 2000] [--hosts 100] [--delay 100]` (or through
// `npm run bench -- fetch`, scripts/bench/fetch.ts): the first cycle (every feed new) and the second
// (every feed 304) of 3 `wirefeed worker` processes on one Redis queue against 1, over a farm (in a
// process of its own) answering after `delay` ms; cycles as worker-cycles.ts runs them.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore } from '../../src/store/index.ts';
import { writeFarmConfig } from '../../test/support/feed-farm.ts';
import { deleteKeys } from '../../test/reliability/store-env.ts';
import { startFarmProcess, type FarmProcess } from './farm-runner.ts';
import { startWorkerCycles, type CycleRun } from './worker-cycles.ts';

/** How the farm and the cycle are shaped, and the Redis the workers share. */
export interface WorkersShape {
  feeds: number;
  hosts: number;
  delayMs: number;
  redisUrl: string;
}

/** A cycle of the workers: wall, their CPU, and the farm's requests over it. */
export type WorkersRun = CycleRun;

/** The first cycle (every feed new) and the second (every feed answering 304) of `workers` workers. */
export interface WorkersCycles {
  first: WorkersRun;
  second: WorkersRun;
}

async function run(workers: number, config: string, shape: WorkersShape, farm: FarmProcess): Promise<WorkersCycles> {
  const { redisUrl } = shape;
  const id = randomUUID();
  const prefix = `wirefeed-bench:${id}:`;
  const store = await openStore({ redisUrl, prefix, dataDir: tmpdir() });
  const cycles = await startWorkerCycles(workers, config, { REDIS_URL: redisUrl, WIREFEED_REDIS_PREFIX: prefix }, store, farm);
  try {
    return { first: await cycles.cycle(), second: await cycles.cycle() };
  } finally {
    await cycles.stop();
    await store.close();
    await deleteKeys(redisUrl, `*${id}*`);
  }
}

/** The first cycle of 1 worker, then of 3 workers, each on a fresh prefix of `shape.redisUrl`. */
export async function measureWorkers(shape: WorkersShape): Promise<{ one: WorkersCycles; three: WorkersCycles }> {
  const farm = await startFarmProcess({ feeds: shape.feeds, delayMs: shape.delayMs, hosts: shape.hosts });
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-bench-workers-'));
  try {
    const config = await writeFarmConfig(path.join(dir, 'farm.yaml'), { baseUrl: farm.baseUrl, feeds: shape.feeds, hosts: shape.hosts }, { perHost: 1 });
    return { one: await run(1, config, shape, farm), three: await run(3, config, shape, farm) };
  } finally {
    await farm.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: number) => {
    const at = process.argv.indexOf(`--${name}`);
    return at < 0 ? fallback : Number(process.argv[at + 1]);
  };
  const shape = {
    feeds: arg('feeds', 2000),
    hosts: arg('hosts', 100),
    delayMs: arg('delay', 100),
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
  const { one, three } = await measureWorkers(shape);
  const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`${shape.feeds} feeds on ${shape.hosts} hosts answering after ${shape.delayMs} ms:`);
  for (const cycle of ['first', 'second'] as const) {
    console.log(`${cycle} cycle, 1 worker:  wall ${f(one[cycle].wallMs)}, CPU ${f(one[cycle].cpuMs)}, ${one[cycle].requests} requests`);
    console.log(`${cycle} cycle, 3 workers: wall ${f(three[cycle].wallMs)}, CPU ${f(three[cycle].cpuMs)}, ${three[cycle].requests} requests`);
    console.log(`3 vs 1: wall ×${(three[cycle].wallMs / one[cycle].wallMs).toFixed(2)}, CPU ×${(three[cycle].cpuMs / one[cycle].cpuMs).toFixed(2)}`);
  }
}
