// Long-running `wirefeed worker` processes driven cycle by cycle, as a newsroom runs them: every
// source is made due at one moment, and a cycle runs from then until every source is filed again.
// What a cycle costs is the workers' CPU over it (user + system, from /proc): polls, the ticker's
// look at the states each second, the queue. Start-up (tsx, the gazetteer) is never in it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { SourceState } from '../../src/domain/index.ts';
import type { Store } from '../../src/store/index.ts';
import { BIN } from '../../test/support/run-cli.ts';
import type { FarmProcess } from './farm-runner.ts';
import { cpuMs } from './serve-load.ts';

/** One cycle: wall from the moment every source fell due until every one was filed, the workers' CPU meanwhile. */
export interface CycleRun {
  wallMs: number;
  cpuMs: number;
  /** The largest resident set of any worker so far (VmHWM), MB. */
  maxRssMb: number;
  /** Requests the farm had over the cycle (one per source when none is polled twice). */
  requests: number;
}

/** Running workers over one store; `cycle` runs one cycle, `stop` ends them (SIGTERM). */
export interface WorkerCycles {
  cycle(): Promise<CycleRun>;
  stop(): Promise<void>;
}

// States are filed in slices: one store write each, so making 30,000 sources due takes a moment.
const SLICE = 500;

async function peakRssMb(pid: number): Promise<number> {
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

/** Files every source's state as polled at `lastFetchedAt`, next due at `nextPollAt` (if given); its milliseconds. */
export async function setAll(store: Store, sourceIds: string[], lastFetchedAt: string, nextPollAt?: string): Promise<number> {
  const started = performance.now();
  const stored = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
  const states: SourceState[] = sourceIds.map((sourceId) => ({
    ...(stored.get(sourceId) ?? { sourceId, consecutiveFailures: 0, itemsSeen: 0 }),
    lastFetchedAt,
    nextPollAt,
  }));
  for (let i = 0; i < states.length; i += SLICE) await store.fileStates(states.slice(i, i + SLICE));
  return performance.now() - started;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('bench: a worker cycle timed out');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Starts `count` workers on `config` with `env` (the store's), all sources marked polled a moment ago
 * so none is due, and waits until each says it started and a few ticks have passed.
 */
export async function startWorkerCycles(
  count: number,
  config: string,
  env: NodeJS.ProcessEnv,
  store: Store,
  farm: Pick<FarmProcess, 'feeds' | 'resetTotals' | 'totals'>,
): Promise<WorkerCycles> {
  const sourceIds = Array.from({ length: farm.feeds }, (_, i) => `farm-${i}`);
  const settingMs = await setAll(store, sourceIds, new Date().toISOString(), new Date(Date.now() + 3_600_000).toISOString());
  const childEnv = { ...process.env, LOG_LEVEL: 'warn', BASE_URL: '', ...env };
  const children: ChildProcess[] = [];
  const started: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, [BIN, 'worker', '--config', config], {
      env: { ...childEnv, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    started.push(new Promise((resolve) => child.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('"worker started"') && resolve())));
  }
  await Promise.all(started);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const pids = children.map((child) => child.pid as number);
  return {
    async cycle() {
      // Every source falls due at one moment, after filing the states is surely done: made due as
      // they are filed, the sources would trickle in at the filing's pace whatever the workers.
      const since = Date.now() + 2 * settingMs + 2000;
      await setAll(store, sourceIds, new Date().toISOString(), new Date(since).toISOString());
      if (Date.now() >= since) throw new Error('bench: filing the states took longer than planned: sources fell due while filed');
      await new Promise((resolve) => setTimeout(resolve, since - Date.now()));
      await farm.resetTotals();
      const before = await Promise.all(pids.map(cpuMs));
      const t0 = performance.now();
      const filed = (state: SourceState) => Date.parse(state.lastFetchedAt ?? '') >= since;
      // The farm is asked first (cheap): reading every state while the workers file would load the store.
      await waitFor(async () => (await farm.totals()).requests >= sourceIds.length, 1_800_000);
      await waitFor(async () => (await store.listSourceStates()).every(filed), 600_000);
      const wallMs = performance.now() - t0;
      const after = await Promise.all(pids.map(cpuMs));
      const maxRssMb = Math.max(...(await Promise.all(pids.map(peakRssMb))));
      const { requests } = await farm.totals();
      return { wallMs, cpuMs: after.reduce((sum, ms, i) => sum + ms - (before[i] as number), 0), maxRssMb, requests };
    },
    async stop() {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
    },
  };
}
