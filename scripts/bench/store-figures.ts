// What the store benchmark measures, per store and for the baseline loop, and how runs are summed.
import { median } from './measure.ts';
import type { ReadFigures } from './store-reads.ts';
import type { StoreKind } from './store-target.ts';

/** One run (or several processes' runs) of fetch-once: worker process wall and CPU, Redis server CPU, peak RSS. */
export interface RunFigures {
  wallMs: number;
  cpuMs: number;
  serverCpuMs: number;
  maxRssMb: number;
}

/** Everything measured on one store. */
export interface StoreFigures {
  kind: StoreKind;
  /** Stories stored after the first cycle. */
  stories: number;
  first: RunFigures;
  bytesPerStory: number;
  /** A stored story's JSON (JSON.stringify of what getStory returns), on average: what the bytes compare with. */
  jsonBytesPerStory: number;
  /** fetch-once over one source that answers 304, on a store of its own: start-up, store open, one poll, prune. */
  fixed: RunFigures;
  /** Median over the steady cycles. */
  steady: RunFigures;
  /** Share of the steady cycles' requests the farm answered 304. */
  steadyNotModified: number;
  /** Stories stored when the start-up with a full store was timed. */
  storiesAtStartup: number;
  startupEmptyMs: number;
  startupFullMs: number;
  reads: ReadFigures;
  /** The same farm slice filed into a fresh store by one process, then by three at once. */
  parallel: { feeds: number; one: RunFigures; three: RunFigures; storiesOne: number; storiesThree: number };
}

/** The bare GET loop over the same farm: the first pass (every body) and steady passes (median). */
export interface BaselineFigures {
  first: { cpuMs: number; wallMs: number };
  steady: { cpuMs: number; wallMs: number; notModified: number; full: number };
}

/** Per-field medians of several runs of the same thing. */
export function medianRun(runs: RunFigures[]): RunFigures {
  const of = (field: keyof RunFigures) => median(runs.map((run) => run[field]));
  return { wallMs: of('wallMs'), cpuMs: of('cpuMs'), serverCpuMs: of('serverCpuMs'), maxRssMb: of('maxRssMb') };
}

/** Several processes run at once: CPU summed, RSS the largest, wall from the first start to the last end. */
export function concurrentRuns(runs: RunFigures[], wallMs: number): RunFigures {
  const sum = (field: keyof RunFigures) => runs.reduce((total, run) => total + run[field], 0);
  // The Redis server's CPU is read once around all of them, so every run carries the same figure.
  return { wallMs, cpuMs: sum('cpuMs'), serverCpuMs: runs[0]?.serverCpuMs ?? 0, maxRssMb: Math.max(...runs.map((run) => run.maxRssMb)) };
}
