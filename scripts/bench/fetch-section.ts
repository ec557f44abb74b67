// The fetching section of BENCHMARKS.md (issue 12), from the figures scripts/bench/fetch.ts measured.
import os from 'node:os';
import { fmt, type BenchSection } from './measure.ts';
import type { RunFigures } from './store-figures.ts';
import type { StoreKind } from './store-target.ts';
import type { WorkersCycles, WorkersRun } from './workers.ts';

/** How the run was shaped, and the command line that ran it. */
export interface FetchShape {
  /** Farm sizes, each with the stores it runs on. */
  sizes: { feeds: number; stores: StoreKind[] }[];
  cycles: number;
  workers: { feeds: number; hosts: number; delayMs: number };
  command: string;
}

/** One fetch-once cycle, with what the farm answered. */
export interface StoreRun extends RunFigures {
  requests: number;
  notModified: number;
}

/** One cycle of a long-running worker (worker-cycles.ts), with the Redis server's CPU over it. */
export interface WorkerRun {
  wallMs: number;
  cpuMs: number;
  serverCpuMs: number;
  maxRssMb: number;
  requests: number;
}

/** A long-running worker's all-304 and steady cycles (medians), and new items per steady cycle. */
export interface WorkerFigures {
  notModified: WorkerRun;
  steady: WorkerRun;
  newItems: number;
}

/** One store on one farm: fetch-once's first, all-304 and steady cycles (medians); then a long-running worker's. */
export interface StoreCycles {
  kind: StoreKind;
  first: StoreRun;
  notModified: StoreRun;
  steady: StoreRun;
  newItems: number;
  fixed: RunFigures;
  worker: WorkerFigures;
}

/** The bare undici loop over the same farm: first pass, all-304 passes, steady passes (medians). */
export interface LoopFigures {
  first: { cpuMs: number; wallMs: number };
  notModified: { cpuMs: number; wallMs: number; notModified: number };
  steady: { cpuMs: number; wallMs: number; notModified: number };
  newItems: number;
}

export interface FarmFigures {
  feeds: number;
  loop: LoopFigures;
  stores: StoreCycles[];
}

const NAMES: Record<StoreKind, string> = { sqlite: 'SQLite', redis: 'Redis' };
const s = (ms: number) => fmt(ms / 1000, 2);
const CYCLE_SECONDS = 300;

/** CPU ms per 304 and per new item in the long-running worker, its own or with the Redis server's. */
export function perWorkerPoll(f: StoreCycles, feeds: number, server = false) {
  const cpu = (run: WorkerRun) => run.cpuMs + (server ? run.serverCpuMs : 0);
  const { notModified, steady, newItems } = f.worker;
  return { per304: cpu(notModified) / feeds, perNewItem: Math.max(0, cpu(steady) - cpu(notModified)) / newItems };
}

/** CPU ms per 304 and per new item in fetch-once (a new process each cycle), its own or with the Redis server's. */
export function perPoll(f: StoreCycles, feeds: number, server = false) {
  const cpu = (run: RunFigures) => run.cpuMs + (server ? run.serverCpuMs : 0);
  const per304 = Math.max(0, cpu(f.notModified) - cpu(f.fixed)) / feeds;
  return { per304, perNewItem: Math.max(0, cpu(f.steady) - cpu(f.notModified)) / f.newItems };
}

function floor(loop: LoopFigures, feeds: number) {
  return { per304: loop.notModified.cpuMs / feeds, perNewItem: Math.max(0, loop.steady.cpuMs - loop.notModified.cpuMs) / loop.newItems };
}

type Column = { feeds: number; loop: LoopFigures; f: StoreCycles };

function rows(cycles: number): [string, (c: Column) => string][] {
  const goal = (value: number, limit: number) => `${fmt(value, 3)} ${value <= limit ? '✓' : '✗'}`;
  const rps = (run: StoreRun, fixed: RunFigures) => fmt(run.requests / (Math.max(1, run.wallMs - fixed.wallMs) / 1000));
  const share = (c: Column) => (c.f.worker.steady.cpuMs + c.f.worker.steady.serverCpuMs) / 1000 / CYCLE_SECONDS;
  const peak = (c: Column) => Math.max(c.f.first.maxRssMb, c.f.notModified.maxRssMb, c.f.steady.maxRssMb, c.f.worker.steady.maxRssMb);
  const pair = (per: { per304: number; perNewItem: number }) => `${fmt(per.per304, 3)} / ${fmt(per.perNewItem, 3)}`;
  return [
    [
      'first cycle (every feed new): wall s / worker CPU s / Redis server CPU s',
      (c) => `${s(c.f.first.wallMs)} / ${s(c.f.first.cpuMs)} / ${s(c.f.first.serverCpuMs)}`,
    ],
    ['first cycle: requests per second (wall less fetch-once start-up)', (c) => rps(c.f.first, c.f.fixed)],
    [
      `all-304 cycle (median of ${cycles}): wall s / worker CPU s / Redis CPU s`,
      (c) => `${s(c.f.notModified.wallMs)} / ${s(c.f.notModified.cpuMs)} / ${s(c.f.notModified.serverCpuMs)}`,
    ],
    ['all-304 cycle: polls answered 304, of requests', (c) => `${fmt(c.f.notModified.notModified)} of ${fmt(c.f.notModified.requests)}`],
    ['all-304 cycle: requests per second', (c) => rps(c.f.notModified, c.f.fixed)],
    [
      `steady cycle (median of ${cycles}): wall s / worker CPU s / Redis CPU s`,
      (c) => `${s(c.f.steady.wallMs)} / ${s(c.f.steady.cpuMs)} / ${s(c.f.steady.serverCpuMs)}`,
    ],
    ['steady cycle: 304s of requests, new items', (c) => `${fmt(c.f.steady.notModified)} of ${fmt(c.f.steady.requests)}, ${fmt(c.f.newItems)}`],
    ['steady cycle: requests per second', (c) => rps(c.f.steady, c.f.fixed)],
    [
      'fetch-once fixed cost (start-up, reading the whole config, store open, `--source` 1 feed, prune): wall s / CPU s',
      (c) => `${s(c.f.fixed.wallMs)} / ${s(c.f.fixed.cpuMs)}`,
    ],
    ['fetch-once CPU ms per 304 / per new item (a new process each cycle: cold JIT, new connections)', (c) => pair(perPoll(c.f, c.feeds))],
    [
      `long-running \`wirefeed worker\`, all-304 cycle (median of ${cycles}, after a warm-up): wall s / worker CPU s / Redis CPU s`,
      (c) => `${s(c.f.worker.notModified.wallMs)} / ${s(c.f.worker.notModified.cpuMs)} / ${s(c.f.worker.notModified.serverCpuMs)}`,
    ],
    [
      `long-running worker, steady cycle (median of ${cycles}): wall s / worker CPU s / Redis CPU s`,
      (c) => `${s(c.f.worker.steady.wallMs)} / ${s(c.f.worker.steady.cpuMs)} / ${s(c.f.worker.steady.serverCpuMs)}`,
    ],
    ['long-running worker: requests per cycle, new items per steady cycle', (c) => `${fmt(c.f.worker.steady.requests)}, ${fmt(c.f.worker.newItems)}`],
    ['**worker CPU ms per 304** (long-running worker; goal ≤ 0.25)', (c) => goal(perWorkerPoll(c.f, c.feeds).per304, 0.25)],
    ['… against the bare undici loop', (c) => `${fmt(perWorkerPoll(c.f, c.feeds).per304 / floor(c.loop, c.feeds).per304, 1)}×`],
    ['… worker + Redis server CPU ms per 304', (c) => fmt(perWorkerPoll(c.f, c.feeds, true).per304, 3)],
    ['**worker CPU ms per new item** (long-running worker; goal ≤ 2.5)', (c) => goal(perWorkerPoll(c.f, c.feeds).perNewItem, 2.5)],
    [
      '… against the bare loop (its extra CPU for the 200s, per new item)',
      (c) => `${fmt(perWorkerPoll(c.f, c.feeds).perNewItem / floor(c.loop, c.feeds).perNewItem, 1)}×`,
    ],
    ['… worker + Redis server CPU ms per new item', (c) => fmt(perWorkerPoll(c.f, c.feeds, true).perNewItem, 3)],
    [
      'steady cycle every 5 minutes, long-running worker: share of one core (worker + Redis; goal < 50%)',
      (c) => `${fmt(share(c) * 100, 1)}% ${share(c) < 0.5 ? '✓' : '✗'}`,
    ],
    ['peak RSS of the worker, fetch-once or long-running, MB (goal < 1,024)', (c) => `${fmt(peak(c))} ${peak(c) < 1024 ? '✓' : '✗'}`],
  ];
}

function storeTable(shape: FetchShape, farms: FarmFigures[]): string[] {
  const columns: Column[] = farms.flatMap((farm) => farm.stores.map((f) => ({ feeds: farm.feeds, loop: farm.loop, f })));
  return [
    `| farm of feeds with 20 items | ${columns.map((c) => `${fmt(c.feeds)}, ${NAMES[c.f.kind]}`).join(' | ')} |`,
    `| --- | ${columns.map(() => '---:').join(' | ')} |`,
    ...rows(shape.cycles).map(([label, cell]) => `| ${label} | ${columns.map(cell).join(' | ')} |`),
  ];
}

function loopTable(farms: FarmFigures[]): string[] {
  return [
    '| bare undici `request` loop, same in flight as fetch.concurrency | first pass: wall s / CPU s | all-304 pass: wall s / CPU s | CPU ms per 304 | CPU ms per new item |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...farms.map((farm) => {
      const { loop } = farm;
      const f = floor(loop, farm.feeds);
      return `| ${fmt(farm.feeds)} feeds | ${s(loop.first.wallMs)} / ${s(loop.first.cpuMs)} | ${s(loop.notModified.wallMs)} / ${s(loop.notModified.cpuMs)} | ${fmt(f.per304, 3)} | ${fmt(f.perNewItem, 3)} |`;
    }),
  ];
}

function workersTable(shape: FetchShape, workers: { one: WorkersCycles; three: WorkersCycles }): string[] {
  const { feeds, hosts, delayMs } = shape.workers;
  const once = (run: WorkersRun) => `${fmt(run.requests)} of ${fmt(feeds)} ${run.requests === feeds ? '✓' : '✗'}`;
  const rows = (cycle: 'first' | 'second', label: string, goals: boolean) => {
    const one = workers.one[cycle];
    const three = workers.three[cycle];
    const wall = three.wallMs / one.wallMs;
    const cpu = three.cpuMs / one.cpuMs;
    const mark = (ok: boolean) => (goals ? (ok ? ' ✓' : ' ✗') : '');
    return [
      `| ${label}: 1 worker | ${s(one.wallMs)} | ${s(one.cpuMs)} | ${once(one)} |`,
      `| ${label}: 3 workers | ${s(three.wallMs)} | ${s(three.cpuMs)} | ${once(three)} |`,
      `| ${label}: 3 against 1${goals ? ' (goals: wall ≤ 0.45×, CPU ≤ 1.15×)' : ''} | ${fmt(wall, 2)}×${mark(wall <= 0.45)} | ${fmt(cpu, 2)}×${mark(cpu <= 1.15)} | |`,
    ];
  };
  return [
    `| ${fmt(feeds)} feeds on ${hosts} hosts answering after ${delayMs} ms, over BullMQ | wall s | workers' CPU s | requests (goal: one per source) |`,
    '| --- | ---: | ---: | ---: |',
    ...rows('first', 'first cycle (every feed new)', true),
    ...rows('second', 'second cycle (every feed 304)', false),
  ];
}

const TITLE = 'Fetching (issue 12)';

function notes(shape: FetchShape, totalMs: number): string {
  return [
    `\`${shape.command}\` (${fmt(totalMs / 60_000, 1)} minutes). A local farm (test/support/feed-farm.ts, a process of its own) serves feeds of 20 items (~46 KB) with ETag and Last-Modified; each cycle is one \`wirefeed fetch-once\` child process (shipped regions, fetch.concurrency 16) under GNU time, filing into SQLite in a temporary directory or into a private redis-server started for the run (its CPU from INFO cpu, listed apart).`,
    "The first cycle files everything; all-304 cycles follow with the farm not advanced; each steady cycle advances the farm first (10% of feeds gain 2 items). Per 304 = (CPU of an all-304 cycle − fetch-once fixed cost) / feeds, the fixed cost being the same config with one source polled (`--source farm-0`), so reading a config of that size (a long-running worker does it once) is not charged to the polls; per new item = (CPU of a steady cycle − CPU of an all-304 cycle) / new items, so the 200s' download and parse are charged to the new items.",
    "Then one long-running `wirefeed worker` on the same store (scripts/bench/worker-cycles.ts; local dispatch on SQLite, BullMQ on Redis), as a newsroom runs it: every source made due at one moment, the cycle timed until every source is filed again, the worker's CPU from /proc, so its ticker's look at every state each second is in it; after one warm-up all-304 cycle, the all-304 and steady cycles as above. Its per 304 = all-304 cycle CPU / feeds; per new item = (steady − all-304) / new items. The goals are read on it: fetch-once's figures (a new process each cycle: cold JIT, new connections, the whole config read) are beside them.",
    "The bare loop (scripts/bench/farm-get-loop.ts) counts its own CPU around the loop only. The 5-minute share is the long-running worker's steady cycle CPU (with the Redis server's) over 300 s.",
    "Issue 12 quoted 0.57 ms per 304 and 4.4 ms per new item before. For comparison, Miniflux's defaults poll 100 feeds an hour.",
    'Each farm size is a section of its own; a size with no section was not measured, and none is extrapolated from another.',
  ].join(' ');
}

/** One section per farm size (so a run of one size keeps the other's), and one for the workers. */
export function fetchSections(
  shape: FetchShape,
  farms: FarmFigures[],
  workers: { one: WorkersCycles; three: WorkersCycles } | undefined,
  totalMs: number,
): BenchSection[] {
  const sizes = farms.map((farm) => ({
    title: `${TITLE}: ${fmt(farm.feeds)} sources, one worker`,
    body: [...storeTable(shape, [farm]), '', ...loopTable([farm]), '', notes(shape, totalMs)].join('\n'),
  }));
  if (!workers) return sizes;
  const workerNotes = `\`${shape.command}\`. scripts/bench/workers.ts: \`wirefeed worker\` processes on the run's private Redis (BullMQ), fetch.perHost 1; every source's state is filed falling due at one moment a little later, and the cycle runs from that moment until every source is filed (scripts/bench/worker-cycles.ts); CPU (user + system) of the workers from /proc; requests counted by the farm. The first cycle files 20 new items a feed, the second finds every feed unchanged (304). The machine has ${os.cpus().length} cores, shared with the farm, the Redis server and the bench itself: 3 workers cannot run faster than those cores allow however the polls are spread.`;
  return [...sizes, { title: `${TITLE}: 3 workers against 1`, body: [...workersTable(shape, workers), '', workerNotes].join('\n') }];
}
