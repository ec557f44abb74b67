/** Helpers every benchmark shares: repeated timing with medians, and memory readings. */

/** Median of the samples. */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `task` `runs` times (after one warm-up) and returns each run's milliseconds. */
export async function timeRuns(runs: number, task: () => unknown | Promise<unknown>): Promise<number[]> {
  await task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Heap in use after a forced collection (needs `node --expose-gc`; otherwise as is). */
export function heapUsedMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** One section of BENCHMARKS.md. */
export interface BenchSection {
  title: string;
  /** Markdown: a table and a sentence or two on what it means. */
  body: string;
}

/** A number with a fixed count of decimals and thousands separators. */
export function fmt(value: number, decimals = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
