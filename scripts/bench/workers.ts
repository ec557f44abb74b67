// `node --import tsx scripts/bench/workers.ts [--feeds 2000] [--hosts 100] [--delay 100]`: the first
// cycle of 3 `wirefeed worker` processes on one Redis queue against 1, over a farm (in a process of
// its own) answering after `delay` ms. Workers start with every source polled a moment ago, so start-up
// (tsx, the gazetteer) is not measured; then every source is made due and the cycle is timed: wall
// from then until every source is filed, CPU (user + system, from /proc) of the workers meanwhile.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../src/store/index.ts';
import { writeFarmConfig } from '../../test/support/feed-farm.ts';
import { BIN } from '../../test/support/run-cli.ts';
import { deleteKeys } from '../../test/reliability/store-env.ts';
import { startFarmProcess } from './farm-runner.ts';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const FEEDS = arg('feeds', 2000);
const HOSTS = arg('hosts', 100);
const DELAY = arg('delay', 100);
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const TICKS_PER_SECOND = 100;

async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function setAll(store: Store, lastFetchedAt: string, sourceIds: string[]): Promise<void> {
  const window = { now: new Date(), hours: 72 };
  const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
  for (const sourceId of sourceIds) {
    const state = states.get(sourceId) ?? { sourceId, consecutiveFailures: 0, itemsSeen: 0 };
    await store.fileSource({ state: { ...state, lastFetchedAt, nextPollAt: undefined }, entries: [], window });
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('bench: timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function run(workers: number, config: string): Promise<{ wallMs: number; cpuMs: number }> {
  const id = randomUUID();
  const prefix = `wirefeed-bench:${id}:`;
  const store = await openStore({ redisUrl: REDIS_URL, prefix, dataDir: tmpdir() });
  const sourceIds = Array.from({ length: FEEDS }, (_, i) => `farm-${i}`);
  await setAll(store, new Date().toISOString(), sourceIds);
  const env = { ...process.env, REDIS_URL, WIREFEED_REDIS_PREFIX: prefix, LOG_LEVEL: 'info', BASE_URL: '' };
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
    const before = await Promise.all(children.map((child) => cpuMs(child.pid as number)));
    const t0 = performance.now();
    const since = Date.now();
    await setAll(store, new Date(since - 86_400_000).toISOString(), sourceIds);
    await waitFor(async () => (await store.listSourceStates()).every((state) => Date.parse(state.lastFetchedAt ?? '') >= since), 600_000);
    const wallMs = performance.now() - t0;
    const after = await Promise.all(children.map((child) => cpuMs(child.pid as number)));
    return { wallMs, cpuMs: after.reduce((sum, ms, i) => sum + ms - (before[i] as number), 0) };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
    await store.close();
    await deleteKeys(REDIS_URL, `*${id}*`);
  }
}

const farm = await startFarmProcess({ feeds: FEEDS, delayMs: DELAY, hosts: HOSTS });
const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-bench-workers-'));
try {
  const config = await writeFarmConfig(path.join(dir, 'farm.yaml'), { baseUrl: farm.baseUrl, feeds: FEEDS, hosts: HOSTS }, { perHost: 1 });
  const one = await run(1, config);
  const three = await run(3, config);
  const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`${FEEDS} feeds on ${HOSTS} hosts answering after ${DELAY} ms, first cycle:`);
  console.log(`1 worker:  wall ${f(one.wallMs)}, CPU ${f(one.cpuMs)}`);
  console.log(`3 workers: wall ${f(three.wallMs)}, CPU ${f(three.cpuMs)}`);
  console.log(`3 vs 1: wall ×${(three.wallMs / one.wallMs).toFixed(2)}, CPU ×${(three.cpuMs / one.cpuMs).toFixed(2)}`);
} finally {
  await farm.close();
  await rm(dir, { recursive: true, force: true });
}
