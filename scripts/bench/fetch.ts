// Issue 12's measurements: `npm run bench -- fetch [--feeds 10000,30000:redis] [--stores sqlite,redis]
// [--cycles 3] [--workers-feeds 2000] [--workers-hosts 100] [--workers-delay 100]`. For each farm size
// (20 items a feed, ETag/Last-Modified) and store: `wirefeed fetch-once` child processes under GNU
// time for the first cycle (everything new), all-304 cycles (the farm not advanced) and steady
// cycles (advanced: 90% answer 304, 10% carry 2 new items), beside a bare undici conditional GET loop
// over the same farm as the floor; then 3 workers against 1 on BullMQ (workers.ts). Redis runs go to
// a private redis-server of this run, whose CPU is counted apart.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { farmConfigYaml } from '../../test/support/feed-farm.ts';
import { startRedisServer } from '../../test/support/redis-servers.ts';
import { startFarmProcess, type FarmProcess } from './farm-runner.ts';
import {
  fetchSections,
  type FarmFigures,
  type FetchShape,
  type LoopFigures,
  type StoreCycles,
  type StoreRun,
  type WorkerFigures,
  type WorkerRun,
} from './fetch-section.ts';
import { median, type BenchSection } from './measure.ts';
import { bareGetLoop, fetchOnceMeasured, type LoopRun } from './store-cli.ts';
import { medianRun, type RunFigures } from './store-figures.ts';
import { createTarget, type StoreKind, type StoreTarget } from './store-target.ts';
import { measureWorkers } from './workers.ts';
import { startWorkerCycles } from './worker-cycles.ts';

function readShape(argv: string[]): FetchShape {
  const flag = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const counts = (name: string, fallback: string) =>
    (flag(name) ?? fallback).split(',').map((text) => {
      const value = Number(text);
      if (!Number.isInteger(value) || value < 0) throw new Error(`bench: --${name} takes non-negative integers, got "${text}"`);
      return value;
    });
  const stores = (flag('stores') ?? 'sqlite,redis').split(',') as StoreKind[];
  if (stores.some((kind) => kind !== 'sqlite' && kind !== 'redis')) throw new Error('bench: --stores takes sqlite, redis or both');
  const one = (name: string, fallback: number) => counts(name, String(fallback))[0] as number;
  // `--feeds 10000,30000:redis`: a size may name its own stores.
  // `--feeds 0`: no farm size, the workers alone.
  const sizes = (flag('feeds') ?? '10000,30000')
    .split(',')
    .map((entry) => {
      const [count = '', only] = entry.split(':');
      const feeds = Number(count);
      if (!Number.isInteger(feeds) || feeds < 0) throw new Error(`bench: --feeds takes sizes like 10000 or 30000:redis, got "${entry}"`);
      return { feeds, stores: only ? (only.split('+') as StoreKind[]) : stores };
    })
    .filter((size) => size.feeds > 0);
  if (sizes.some((size) => size.stores.some((kind) => kind !== 'sqlite' && kind !== 'redis'))) throw new Error('bench: stores are sqlite or redis');
  return {
    sizes,
    cycles: Math.max(1, one('cycles', 3)),
    workers: { feeds: one('workers-feeds', 2000), hosts: one('workers-hosts', 100), delayMs: one('workers-delay', 100) },
    command: `npm run bench -- ${argv.join(' ')}`,
  };
}

const progress = (message: string) => console.error(`bench: fetch: ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// One fetch-once over `config`, with the Redis server's CPU over the same span and the farm's answers.
async function cycle(target: StoreTarget, farm: FarmProcess, config: string, args: string[] = []): Promise<StoreRun> {
  await farm.resetTotals();
  const serverBefore = await target.serverCpuMs();
  const run = await fetchOnceMeasured(config, target.env, args);
  const serverCpuMs = (await target.serverCpuMs()) - serverBefore;
  const totals = await farm.totals();
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, serverCpuMs, maxRssMb: run.maxRssMb, requests: totals.requests, notModified: totals.notModified };
}

const medianOf = (runs: StoreRun[]): StoreRun => ({
  ...medianRun(runs),
  requests: median(runs.map((run) => run.requests)),
  notModified: median(runs.map((run) => run.notModified)),
});

// fetch-once's cost apart from its polls: start-up, the whole config, the store, one feed answering
// 304 (`--source farm-0`), prune; on a store of its own. A long-running worker pays it once.
async function fixedCost(kind: StoreKind, farm: FarmProcess, config: string): Promise<RunFigures> {
  const target = await createTarget(kind);
  const one = ['--source', 'farm-0'];
  try {
    await cycle(target, farm, config, one);
    const runs: StoreRun[] = [];
    for (let i = 0; i < 3; i++) runs.push(await cycle(target, farm, config, one));
    return medianOf(runs);
  } finally {
    await target.dispose();
  }
}

async function oneStore(kind: StoreKind, farm: FarmProcess, configs: { all: string }, shape: FetchShape) {
  const target = await createTarget(kind);
  try {
    const first = await cycle(target, farm, configs.all);
    progress(`${kind} ${farm.feeds}: first cycle ${seconds(first.wallMs)}, CPU ${seconds(first.cpuMs)}`);
    const notModified: StoreRun[] = [];
    for (let i = 0; i < shape.cycles; i++) notModified.push(await cycle(target, farm, configs.all));
    progress(`${kind} ${farm.feeds}: all-304 cycle ${seconds(notModified.at(-1)?.wallMs ?? 0)}, CPU ${seconds(notModified.at(-1)?.cpuMs ?? 0)}`);
    const steady: StoreRun[] = [];
    let newItems = 0;
    for (let i = 0; i < shape.cycles; i++) {
      newItems += (await farm.advance()).length * 2;
      steady.push(await cycle(target, farm, configs.all));
      progress(`${kind} ${farm.feeds}: steady cycle ${seconds(steady.at(-1)?.wallMs ?? 0)}, CPU ${seconds(steady.at(-1)?.cpuMs ?? 0)}`);
    }
    const fixed = await fixedCost(kind, farm, configs.all);
    const worker = await workerCycles(target, farm, configs.all, shape);
    progress(`${kind} ${farm.feeds}: worker ${JSON.stringify(worker)}`);
    return { kind, first, notModified: medianOf(notModified), steady: medianOf(steady), newItems: newItems / shape.cycles, fixed, worker };
  } finally {
    await target.dispose();
  }
}

// One long-running `wirefeed worker` on the same store: a warm-up all-304 cycle (its JIT and
// connections), then all-304 and steady cycles, with the Redis server's CPU over each.
async function workerCycles(target: StoreTarget, farm: FarmProcess, config: string, shape: FetchShape): Promise<WorkerFigures> {
  const store = await target.open();
  const cycles = await startWorkerCycles(1, config, target.env, store, farm);
  const measured = async () => {
    const serverBefore = await target.serverCpuMs();
    const run = await cycles.cycle();
    return { ...run, serverCpuMs: (await target.serverCpuMs()) - serverBefore };
  };
  try {
    await measured();
    const notModified: WorkerRun[] = [];
    for (let i = 0; i < shape.cycles; i++) notModified.push(await measured());
    const steady: WorkerRun[] = [];
    let newItems = 0;
    for (let i = 0; i < shape.cycles; i++) {
      newItems += (await farm.advance()).length * 2;
      steady.push(await measured());
    }
    return { notModified: medianWorkerRun(notModified), steady: medianWorkerRun(steady), newItems: newItems / shape.cycles };
  } finally {
    await cycles.stop();
    await store.close();
  }
}

const medianWorkerRun = (runs: WorkerRun[]): WorkerRun => ({
  wallMs: median(runs.map((run) => run.wallMs)),
  cpuMs: median(runs.map((run) => run.cpuMs)),
  serverCpuMs: median(runs.map((run) => run.serverCpuMs)),
  maxRssMb: Math.max(...runs.map((run) => run.maxRssMb)),
  requests: median(runs.map((run) => run.requests)),
});

// The floor: the bare loop's first pass, then (validators saved) all-304 passes and steady passes.
async function bareLoop(farm: FarmProcess, dir: string, shape: FetchShape): Promise<LoopFigures> {
  const etags = path.join(dir, `etags-${farm.feeds}.json`);
  const first = await bareGetLoop(farm.baseUrl, farm.feeds, etags);
  const notModified: LoopRun[] = [];
  for (let i = 0; i < shape.cycles; i++) notModified.push(await bareGetLoop(farm.baseUrl, farm.feeds, etags));
  const steady: LoopRun[] = [];
  let newItems = 0;
  for (let i = 0; i < shape.cycles; i++) {
    newItems += (await farm.advance()).length * 2;
    steady.push(await bareGetLoop(farm.baseUrl, farm.feeds, etags));
  }
  const mid = (runs: LoopRun[]) => ({
    cpuMs: median(runs.map((r) => r.cpuMs)),
    wallMs: median(runs.map((r) => r.wallMs)),
    notModified: median(runs.map((r) => r.notModified)),
  });
  return { first, notModified: mid(notModified), steady: mid(steady), newItems: newItems / shape.cycles };
}

async function oneFarm(feeds: number, stores: StoreKind[], shape: FetchShape, dir: string): Promise<FarmFigures> {
  const farm = await startFarmProcess({ feeds, nearCopies: Math.floor(feeds / 10), copiesPerStory: 3 });
  try {
    const write = async (name: string, yaml: string) => {
      const file = path.join(dir, `${name}-${feeds}.yaml`);
      await writeFile(file, yaml);
      return file;
    };
    const configs = {
      all: await write('all', farmConfigYaml(farm, { regions: 'shipped' })),
    };
    const loop = await bareLoop(farm, dir, shape);
    progress(`${feeds}: bare loop ${JSON.stringify(loop)}`);
    const figures: StoreCycles[] = [];
    for (const kind of stores) {
      figures.push(await oneStore(kind, farm, configs, shape));
      progress(`${feeds}: ${kind} ${JSON.stringify(figures.at(-1))}`);
    }
    return { feeds, loop, stores: figures };
  } finally {
    await farm.close();
  }
}

/** The fetching section (see the head of this file). */
export async function benchFetch(): Promise<BenchSection[]> {
  const shape = readShape(process.argv.slice(2));
  const started = performance.now();
  const server = await startRedisServer();
  const sharedUrl = process.env.REDIS_URL;
  process.env.REDIS_URL = server.url;
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-bench-fetch-'));
  try {
    const farms: FarmFigures[] = [];
    for (const size of shape.sizes) farms.push(await oneFarm(size.feeds, size.stores, shape, dir));
    const workers = shape.workers.feeds ? await measureWorkers({ ...shape.workers, redisUrl: server.url }) : undefined;
    if (workers) progress(`workers ${JSON.stringify(workers)}`);
    return fetchSections(shape, farms, workers, performance.now() - started);
  } finally {
    if (sharedUrl === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = sharedUrl;
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
