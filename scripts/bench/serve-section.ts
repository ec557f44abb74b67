import { fmt, median, type BenchSection } from './measure.ts';
import type { Load } from './serve-load.ts';

/** A load and its baseline, measured back to back in one round. */
export interface Comparison {
  name: string;
  baseline: string;
  load: Load;
  base: Load;
}

/** CPU ms per request of a load and its baseline at a fixed rate, one sample per round each. */
export interface CpuComparison {
  name: string;
  baseline: string;
  load: number[];
  base: number[];
}

/** Everything the serve section reports. */
export interface ServeFigures {
  stories: number;
  feedPath: string;
  feedBytes: number;
  filteredQuery: string;
  distinctQueries: number;
  rounds: Comparison[][];
  cpu: CpuComparison[];
  startupMs: number;
  rssMb: number;
  /** The machine's 1-minute load average before and after the load runs: how much else it ran. */
  loadAverage: [number, number];
}

/** The medians over rounds of one comparison: req/s of the load and of its baseline, and their ratio paired per round. */
function figures(rounds: Comparison[][], name: string) {
  const runs = rounds.map((round) => round.find((c) => c.name === name) as Comparison);
  return {
    rps: median(runs.map((c) => c.load.rps)),
    baselineRps: median(runs.map((c) => c.base.rps)),
    ratio: median(runs.map((c) => c.load.rps / c.base.rps)),
    ratios: runs.map((c) => (c.load.rps / c.base.rps).toFixed(2)).join(' '),
    bytes: median(runs.map((c) => c.load.bytesPerResponse)),
    statuses: Object.keys(runs[0]?.load.statuses ?? {}).join(', '),
    errors: runs.reduce((sum, c) => sum + c.load.errors + c.base.errors, 0),
  };
}

/** BENCHMARKS.md's "serve" section. */
export function serveSection(f: ServeFigures): BenchSection {
  const rows: [string, string, string][] = [
    ['cached region feed, 200, no Accept-Encoding', 'feed', 'bare `node:http` sending the same bytes (goal ≥ 0.8×)'],
    ['same URL, If-None-Match → 304', 'notModified', 'minimal Express 5 route answering 304 (goal ≥ 0.9×)'],
    [`filtered feed \`?q=${f.filteredQuery}\` (cached)`, 'filtered', 'the cached feed'],
    [`filtered feed, a new \`?q=\` every request (${fmt(f.distinctQueries)} words: never cached)`, 'filteredUncached', 'the cached feed'],
    ['`/api/stories?limit=50`', 'api', 'the cached feed'],
    ['cached feed, `Accept-Encoding: gzip`', 'gzip', 'the cached feed (identity)'],
    ['cached feed, `Accept-Encoding: gzip, deflate, br`', 'br', 'the cached feed (identity)'],
  ];
  const table = rows.map(([what, name, against]) => {
    const r = figures(f.rounds, name);
    const errors = r.errors ? `, ${r.errors} errors` : '';
    return `| ${what} | ${fmt(r.rps)} | ${fmt(r.bytes)} | ${against}: ${fmt(r.baselineRps)} | **${fmt(r.ratio, 2)}×** (${r.ratios}) | ${r.statuses}${errors} |`;
  });
  return {
    title: 'serve',
    body: [
      `\`wirefeed serve\` on the shipped config with ${fmt(f.stories)} stories in the embedded store (real items of the news fixture feeds), request logs on at the default level;`,
      `\`${f.feedPath}\` is ${fmt(f.feedBytes)} bytes. autocannon in the bench process, each server in a child process, loopback, 50 connections,`,
      `${f.rounds.length} rounds; in each, every load runs 3 s right next to its baseline (which goes first alternates by round), after a 1 s warm-up of each;`,
      "figures are medians over rounds, each ratio paired within its round (every round's ratio in brackets).",
      `The machine's 1-minute load average was ${fmt(f.loadAverage[0], 1)} before the runs and ${fmt(f.loadAverage[1], 1)} after (other work shares its cores: single rounds vary widely).`,
      '',
      '| load | req/s | bytes per response (headers included) | baseline req/s | ratio | statuses |',
      '| --- | ---: | ---: | --- | ---: | --- |',
      ...table,
      '',
      "CPU per request at a fixed 1,000 req/s (10 connections), from the server process's /proc times, median of the rounds: what a response costs whatever else the machine runs.",
      '',
      '| load | wirefeed CPU µs per request | baseline | baseline CPU µs per request | baseline ÷ wirefeed |',
      '| --- | ---: | --- | ---: | ---: |',
      ...f.cpu.map((c) => {
        const ours = median(c.load) * 1000;
        const theirs = median(c.base) * 1000;
        return `| ${c.name === 'feed' ? 'cached region feed, 200' : '304'} | ${fmt(ours)} | ${c.baseline === 'bare' ? 'bare `node:http`' : 'minimal Express 5 304 route'} | ${fmt(theirs)} | **${fmt(theirs / ours, 2)}×** |`;
      }),
      '',
      `\`serve\` resident memory after the runs: **${fmt(f.rssMb)} MiB**; from spawning \`wirefeed serve\` to its first \`/healthz\` 200: **${fmt(f.startupMs)} ms** (median of 5, through tsx).`,
      'A cached response costs one feed-version read; only a new version (or a new filter or page) lists the store and renders.',
    ].join('\n'),
  };
}
