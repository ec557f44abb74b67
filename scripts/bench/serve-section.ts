import { fmt, median, type BenchSection } from './measure.ts';
import type { Load } from './serve-load.ts';

/** Everything the serve section reports. */
export interface ServeFigures {
  stories: number;
  feedPath: string;
  feedBytes: number;
  distinctQueries: number;
  rounds: Record<string, Load>[];
  startupMs: number;
  rssMb: number;
}

/** The median over rounds of one load's req/s, and of its ratio to another load of the same round. */
function figures(rounds: Record<string, Load>[], name: string, baseline: string) {
  const of = (round: Record<string, Load>, key: string) => round[key] as Load;
  return {
    rps: median(rounds.map((round) => of(round, name).rps)),
    baselineRps: median(rounds.map((round) => of(round, baseline).rps)),
    ratio: median(rounds.map((round) => of(round, name).rps / of(round, baseline).rps)),
    bytes: median(rounds.map((round) => of(round, name).bytesPerResponse)),
    statuses: Object.keys(of(rounds[0] ?? {}, name).statuses).join(', '),
    errors: rounds.reduce((sum, round) => sum + of(round, name).errors, 0),
  };
}

/** BENCHMARKS.md's "serve" section. */
export function serveSection(f: ServeFigures): BenchSection {
  const rows: [string, string, string, string][] = [
    ['cached region feed, 200, no Accept-Encoding', 'feed', 'bare', 'bare `node:http` sending the same bytes (goal ≥ 0.8×)'],
    ['same URL, If-None-Match → 304', 'notModified', 'express304', 'minimal Express 5 route answering 304 (goal ≥ 0.9×)'],
    ['filtered feed `?q=` (one word, cached)', 'filtered', 'feed', 'the cached feed'],
    [`filtered feed, a new \`?q=\` every request (${fmt(f.distinctQueries)} words: never cached)`, 'filteredUncached', 'feed', 'the cached feed'],
    ['`/api/stories?limit=50`', 'api', 'feed', 'the cached feed'],
    ['cached feed, `Accept-Encoding: gzip`', 'gzip', 'feed', 'the cached feed (identity)'],
    ['cached feed, `Accept-Encoding: gzip, deflate, br`', 'br', 'feed', 'the cached feed (identity)'],
  ];
  const table = rows.map(([what, name, baseline, against]) => {
    const r = figures(f.rounds, name, baseline);
    const errors = r.errors ? `, ${r.errors} errors` : '';
    return `| ${what} | ${fmt(r.rps)} | ${fmt(r.bytes)} | ${against}: ${fmt(r.baselineRps)} | **${fmt(r.ratio, 2)}×** | ${r.statuses}${errors} |`;
  });
  return {
    title: 'serve',
    body: [
      `\`wirefeed serve\` on the shipped config with ${fmt(f.stories)} stories in the embedded store (real items of the news fixture feeds), request logs on at the default level;`,
      `\`${f.feedPath}\` is ${fmt(f.feedBytes)} bytes. autocannon in the bench process, each server in a child process, loopback, 50 connections,`,
      `${f.rounds.length} rounds of 4 s per load after a 1 s warm-up, the order reversed every other round; figures are medians over rounds, ratios paired per round.`,
      '',
      '| load | req/s | bytes per response (headers included) | baseline req/s | ratio | statuses |',
      '| --- | ---: | ---: | --- | ---: | --- |',
      ...table,
      '',
      `\`serve\` resident memory after the runs: **${fmt(f.rssMb)} MiB**; from spawning \`wirefeed serve\` to its first \`/healthz\` 200: **${fmt(f.startupMs)} ms** (median of 5, through tsx).`,
      'A cached response costs one feed-version read; only a new version (or a new filter or page) lists the store and renders.',
    ].join('\n'),
  };
}
