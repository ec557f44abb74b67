// The store benchmark: a local farm of F feeds (20 items each) filed by `wirefeed fetch-once` child
// processes into each store — the first cycle (everything new), then steady cycles (the farm
// advanced: 90% of feeds answer 304, 10% have 2 new items) — with the worker's CPU, wall time and
// peak RSS, bytes per story, `serve` start-up with the store filled, 20-story page reads, and three
// processes filing at once. Baselines from the same run: a bare conditional GET loop over the same
// farm, `serve` on an empty store, 20 reads by id. `npm run bench -- store [--feeds N] [--cycles N]
// [--parallel-feeds N] [--stores sqlite,redis]`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { farmConfigYaml } from '../../test/support/feed-farm.ts';
import { startFarmProcess, type FarmProcess } from './farm-runner.ts';
import { median, type BenchSection } from './measure.ts';
import { bareGetLoop, fetchOnceMeasured, serveStartupMs } from './store-cli.ts';
import { concurrentRuns, medianRun, type BaselineFigures, type RunFigures, type StoreFigures } from './store-figures.ts';
import { measureReads } from './store-reads.ts';
import { storeSection, type StoreShape } from './store-section.ts';
import { createTarget, type StoreKind, type StoreTarget } from './store-target.ts';

const READS = 25;
const STARTUPS = 5;
const FIXED_RUNS = 3;

/** Reads `--feeds`, `--cycles`, `--parallel-feeds` and `--stores` from the command line. */
function readShape(argv: string[]): StoreShape {
  const flag = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const count = (name: string, fallback: number) => {
    const value = Number(flag(name) ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`bench: --${name} must be a positive integer, got "${flag(name)}"`);
    return value;
  };
  const feeds = count('feeds', 10_000);
  const stores = (flag('stores') ?? 'sqlite,redis').split(',') as StoreKind[];
  if (stores.some((kind) => kind !== 'sqlite' && kind !== 'redis')) throw new Error('bench: --stores takes sqlite, redis or both');
  return {
    feeds,
    nearCopies: Math.floor(feeds / 10),
    cycles: count('cycles', 3),
    parallelFeeds: Math.min(feeds, count('parallel-feeds', Math.max(300, Math.round(feeds / 20)))),
    stores,
  };
}

/** The paths of the configs the runs use. */
interface Configs {
  all: string;
  one: string;
  slices: string[];
}

async function writeConfigs(dir: string, farm: FarmProcess, shape: StoreShape): Promise<Configs> {
  const write = async (name: string, yaml: string) => {
    const file = path.join(dir, name);
    await writeFile(file, yaml);
    return file;
  };
  const slice = { baseUrl: farm.baseUrl, feeds: shape.parallelFeeds };
  return {
    all: await write('all.yaml', farmConfigYaml(farm, { regions: 'shipped' })),
    one: await write('one.yaml', farmConfigYaml({ baseUrl: farm.baseUrl, feeds: 1 }, { regions: 'shipped' })),
    // Each process starts a third of the way round from the last, as separate workers would drift apart.
    slices: await Promise.all(
      [0, 1, 2].map((p) => write(`slice-${p}.yaml`, farmConfigYaml(slice, { regions: 'shipped', rotate: Math.round((p * shape.parallelFeeds) / 3) }))),
    ),
  };
}

// fetch-once runs, with the Redis server's CPU over the same span.
async function filed(target: StoreTarget, configs: string[]): Promise<RunFigures> {
  const serverBefore = await target.serverCpuMs();
  const started = performance.now();
  const runs = await Promise.all(configs.map((config) => fetchOnceMeasured(config, target.env)));
  const wallMs = performance.now() - started;
  const serverCpuMs = (await target.serverCpuMs()) - serverBefore;
  return concurrentRuns(
    runs.map((run) => ({ ...run, serverCpuMs })),
    wallMs,
  );
}

async function storiesIn(target: StoreTarget): Promise<{ stories: number; jsonBytes: number }> {
  const store = await target.open();
  try {
    const sample = (await store.listStories({ limit: 200 })).stories;
    const jsonBytes = sample.reduce((sum, story) => sum + Buffer.byteLength(JSON.stringify(story)), 0) / Math.max(1, sample.length);
    return { stories: (await store.stats()).stories, jsonBytes };
  } finally {
    await store.close();
  }
}

const progress = (message: string) => console.error(`bench: store: ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function startups(config: string, target: StoreTarget): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < STARTUPS; i++) samples.push(await serveStartupMs(config, target.env));
  return median(samples);
}

// The steady cycles on one store; the baseline loop runs once per cycle too, on the same farm states.
async function steadyCycles(
  target: StoreTarget,
  farm: FarmProcess,
  configs: Configs,
  baseline: (steady: BaselineFigures['steady']) => void,
  shape: StoreShape,
) {
  const runs: RunFigures[] = [];
  let requests = 0;
  let notModified = 0;
  for (let cycle = 0; cycle < shape.cycles; cycle++) {
    await farm.advance();
    await farm.resetTotals();
    runs.push(await filed(target, [configs.all]));
    const totals = await farm.totals();
    [requests, notModified] = [requests + totals.requests, notModified + totals.notModified];
    baseline(await bareGetLoop(farm.baseUrl, farm.feeds, path.join(path.dirname(configs.all), 'etags.json')));
    progress(`${target.kind} steady cycle ${cycle + 1}: ${seconds(runs.at(-1)?.wallMs ?? 0)}, ${totals.notModified} of ${totals.requests} polls answered 304`);
  }
  return { steady: medianRun(runs), steadyNotModified: notModified / requests };
}

// On a store of its own: a cycle forgets the states of sources its config does not list.
async function fixedCost(kind: StoreKind, configs: Configs): Promise<RunFigures> {
  const target = await createTarget(kind);
  try {
    await filed(target, [configs.one]);
    const runs: RunFigures[] = [];
    for (let i = 0; i < FIXED_RUNS; i++) runs.push(await filed(target, [configs.one]));
    return medianRun(runs);
  } finally {
    await target.dispose();
  }
}

async function parallelRuns(kind: StoreKind, configs: Configs, shape: StoreShape): Promise<StoreFigures['parallel']> {
  const oneTarget = await createTarget(kind);
  const threeTarget = await createTarget(kind);
  try {
    const one = await filed(oneTarget, [configs.slices[0] as string]);
    const three = await filed(threeTarget, configs.slices);
    progress(`${kind} ${shape.parallelFeeds} feeds by one process ${seconds(one.wallMs)}, by three at once ${seconds(three.wallMs)}`);
    return { feeds: shape.parallelFeeds, one, three, storiesOne: (await storiesIn(oneTarget)).stories, storiesThree: (await storiesIn(threeTarget)).stories };
  } finally {
    await oneTarget.dispose();
    await threeTarget.dispose();
  }
}

async function benchOneStore(
  kind: StoreKind,
  farm: FarmProcess,
  configs: Configs,
  baseline: BaselineFigures['steady'][],
  shape: StoreShape,
): Promise<StoreFigures> {
  const target = await createTarget(kind);
  try {
    const startupEmptyMs = await startups(configs.all, target);
    const bytesBefore = await target.bytes();
    const first = await filed(target, [configs.all]);
    const { stories, jsonBytes } = await storiesIn(target);
    const bytesPerStory = ((await target.bytes()) - bytesBefore) / stories;
    progress(`${kind} first cycle: ${stories} stories in ${seconds(first.wallMs)}`);
    const fixed = await fixedCost(kind, configs);
    const steady = await steadyCycles(target, farm, configs, (loop) => baseline.push(loop), shape);
    const storiesAtStartup = (await storiesIn(target)).stories;
    const startupFullMs = await startups(configs.all, target);
    const store = await target.open();
    const reads = await measureReads(store, READS).finally(() => store.close());
    const parallel = await parallelRuns(kind, configs, shape);
    return {
      kind,
      stories,
      first,
      bytesPerStory,
      jsonBytesPerStory: jsonBytes,
      fixed,
      ...steady,
      storiesAtStartup,
      startupEmptyMs,
      startupFullMs,
      reads,
      parallel,
    };
  } finally {
    await target.dispose();
  }
}

/** The Store benchmark section (see the head of this file). */
export async function benchStore(): Promise<BenchSection> {
  const shape = readShape(process.argv.slice(2));
  const started = performance.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-bench-store-'));
  const farm = await startFarmProcess({ feeds: shape.feeds, nearCopies: shape.nearCopies, copiesPerStory: 3 });
  try {
    const configs = await writeConfigs(dir, farm, shape);
    const first = await bareGetLoop(farm.baseUrl, farm.feeds, path.join(dir, 'etags.json'));
    const steadyLoops: BaselineFigures['steady'][] = [];
    const figures: StoreFigures[] = [];
    for (const kind of shape.stores) {
      figures.push(await benchOneStore(kind, farm, configs, steadyLoops, shape));
      // The figures so far, should a later store fail before the section is written.
      progress(`${kind} figures ${JSON.stringify(figures.at(-1))}`);
    }
    const baseline: BaselineFigures = {
      first,
      steady: {
        cpuMs: median(steadyLoops.map((loop) => loop.cpuMs)),
        wallMs: median(steadyLoops.map((loop) => loop.wallMs)),
        notModified: median(steadyLoops.map((loop) => loop.notModified)),
        full: median(steadyLoops.map((loop) => loop.full)),
      },
    };
    progress(`done in ${seconds(performance.now() - started)}`);
    return storeSection(shape, figures, baseline, performance.now() - started);
  } finally {
    await farm.close();
    await rm(dir, { recursive: true, force: true });
  }
}
