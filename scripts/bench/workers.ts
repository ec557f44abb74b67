// `node --import tsx scripts/bench/workers.ts [--feeds 2000] [--hosts 100] [--delay 100]` (or through
// `npm run bench -- fetch`, scripts/bench/fetch.ts): the first
// cycle of 3 `wirefeed worker` processes on one Redis queue against 1, over a farm (in a process of
// its own) answering after `delay` ms. Workers start with every source polled a moment ago, so start-up
// (tsx, the gazetteer) is not measured; then every source is made due at one moment and the cycle is
// timed: wall from then until every source is filed, CPU (user + system, from /proc) of the workers meanwhile.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore, type Store } from '../../src/store/index.ts';
import { writeFarmConfig } from '../../test/support/feed-farm.ts';
import { BIN } from '../../test/support/run-cli.ts';
import { deleteKeys } from '../../test/reliability/store-env.ts';
import { startFarmProcess, type FarmProcess } from './farm-runner.ts';

/** How the farm and the cycle are shaped, and the Redis the workers share. */
export interface WorkersShape {
  feeds: number;
  hosts: number;
  delayMs: number;
  redisUrl: string;
}

/** One first cycle: wall, the workers' CPU, and the farm's requests over it (one per source when none is polled twice). */
export interface WorkersRun {
  wallMs: number;
  cpuMs: number;
  requests: number;
}

const TICKS_PER_SECOND = 100;

async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

// Files every source's state as polled at `lastFetchedAt`, next due at `nextPollAt` (if given); its milliseconds.
async function setAll(store: Store, sourceIds: string[], lastFetchedAt: string, nextPollAt?: string): Promise<number> {
  const started = performance.now();
  const window = { now: new Date(), hours: 72 };
  const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
  for (const sourceId of sourceIds) {
    const state = states.get(sourceId) ?? { sourceId, consecutiveFailures: 0, itemsSeen: 0 };
    await store.fileSource({ state: { ...state, lastFetchedAt, nextPollAt }, entries: [], window });
  }
  return performance.now() - started;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('bench: timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function run(workers: number, config: string, shape: WorkersShape, farm: FarmProcess): Promise<WorkersRun> {
  const { feeds, redisUrl } = shape;
  const id = randomUUID();
  const prefix = `wirefeed-bench:${id}:`;
  const store = await openStore({ redisUrl, prefix, dataDir: tmpdir() });
  const sourceIds = Array.from({ length: feeds }, (_, i) => `farm-${i}`);
  const settingMs = await setAll(store, sourceIds, new Date().toISOString());
  const env = { ...process.env, REDIS_URL: redisUrl, WIREFEED_REDIS_PREFIX: prefix, LOG_LEVEL: 'info', BASE_URL: '' };
  const children: ChildProcess[] = [];
  const started: Promise<void>[] = [];
  for (let i = 0; i < workers; i++) {
    const child = spawn(process.execPath, [BIN, 'worker', '--config', config], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    started.push(new Promise((resolve) => child.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('"worker started"') && resolve())));
  }
  try {
    await Promise.all(started);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Every source falls due at one moment, after filing the states (one by one) is surely done: made
    // due as they are filed, the sources would trickle in at the filing's pace whatever the workers.
    const since = Date.now() + 2 * settingMs + 2000;
    await farm.resetTotals();
    await setAll(store, sourceIds, new Date().toISOString(), new Date(since).toISOString());
    if (Date.now() >= since) throw new Error('bench: filing the states took longer than planned: sources fell due while filed');
    await new Promise((resolve) => setTimeout(resolve, since - Date.now()));
    const before = await Promise.all(children.map((child) => cpuMs(child.pid as number)));
    const t0 = performance.now();
    await waitFor(async () => (await store.listSourceStates()).every((state) => Date.parse(state.lastFetchedAt ?? '') >= since), 600_000);
    const wallMs = performance.now() - t0;
    const after = await Promise.all(children.map((child) => cpuMs(child.pid as number)));
    const { requests } = await farm.totals();
    return { wallMs, cpuMs: after.reduce((sum, ms, i) => sum + ms - (before[i] as number), 0), requests };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
    await store.close();
    await deleteKeys(redisUrl, `*${id}*`);
  }
}

/** The first cycle of 1 worker, then of 3 workers, each on a fresh prefix of `shape.redisUrl`. */
export async function measureWorkers(shape: WorkersShape): Promise<{ one: WorkersRun; three: WorkersRun }> {
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
  console.log(`${shape.feeds} feeds on ${shape.hosts} hosts answering after ${shape.delayMs} ms, first cycle:`);
  console.log(`1 worker:  wall ${f(one.wallMs)}, CPU ${f(one.cpuMs)}, ${one.requests} requests`);
  console.log(`3 workers: wall ${f(three.wallMs)}, CPU ${f(three.cpuMs)}, ${three.requests} requests`);
  console.log(`3 vs 1: wall ×${(three.wallMs / one.wallMs).toFixed(2)}, CPU ×${(three.cpuMs / one.cpuMs).toFixed(2)}`);
}
