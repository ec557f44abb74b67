// The Store section of BENCHMARKS.md, from the figures scripts/bench/store.ts measured.
import { fmt, type BenchSection } from './measure.ts';
import type { BaselineFigures, StoreFigures } from './store-figures.ts';
import { READ_QUERIES } from './store-reads.ts';
import type { StoreKind } from './store-target.ts';

/** How the run was shaped. */
export interface StoreShape {
  feeds: number;
  /** Wire stories the farm serves in three feeds each. */
  nearCopies: number;
  cycles: number;
  /** Feeds of the slice filed by one process and then by three at once. */
  parallelFeeds: number;
  stores: StoreKind[];
}

const NAMES: Record<StoreKind, string> = { sqlite: 'SQLite (embedded)', redis: 'Redis' };
const s = (ms: number) => fmt(ms / 1000, 2);
const ms = (value: number) => fmt(value, value < 10 ? 2 : 0);

/** Rows of the per-store table: a label and the cell of each store. */
function rows(shape: StoreShape, figures: StoreFigures[], baseline: BaselineFigures): [string, (f: StoreFigures) => string][] {
  const perPoll = (f: StoreFigures) => Math.max(0, f.steady.cpuMs - f.fixed.cpuMs) / shape.feeds;
  const floor = baseline.steady.cpuMs / shape.feeds;
  const redisOnly = (value: (f: StoreFigures) => string) => (f: StoreFigures) => (f.kind === 'redis' ? value(f) : '—');
  const steadyRuns = `median of ${shape.cycles}`;
  return [
    [`first cycle: stories filed, of the ${fmt(shape.feeds * 20 - 2 * shape.nearCopies)} wire stories served`, (f) => fmt(f.stories)],
    ['first cycle: wall s', (f) => s(f.first.wallMs)],
    ['first cycle: worker CPU s', (f) => s(f.first.cpuMs)],
    ['first cycle: Redis server CPU s', redisOnly((f) => s(f.first.serverCpuMs))],
    ['first cycle: filing throughput, stories/s of wall time', (f) => fmt(f.stories / (f.first.wallMs / 1000))],
    ['first cycle: worker peak RSS MB', (f) => fmt(f.first.maxRssMb)],
    ['bytes per story (file size, or used_memory delta, over stories)', (f) => fmt(f.bytesPerStory)],
    ['… against the story as JSON (getStory, stringified)', (f) => `${fmt(f.bytesPerStory / f.jsonBytesPerStory, 2)}×`],
    [`steady cycle (${steadyRuns}): wall s`, (f) => s(f.steady.wallMs)],
    ['steady cycle: worker CPU s', (f) => s(f.steady.cpuMs)],
    ['steady cycle: Redis server CPU s', redisOnly((f) => s(f.steady.serverCpuMs))],
    ['steady cycle: worker peak RSS MB', (f) => fmt(f.steady.maxRssMb)],
    ['steady cycle: share of polls answered 304', (f) => `${fmt(f.steadyNotModified * 100, 1)}%`],
    ['fixed cost of a fetch-once (start-up, store open, one 304 poll, prune; median of 3): CPU s', (f) => s(f.fixed.cpuMs)],
    ['steady cycle: worker CPU ms per poll, fixed cost taken off', (f) => fmt(perPoll(f), 3)],
    [`… against the bare GET loop's ${fmt(floor, 3)} ms per poll`, (f) => `${fmt(perPoll(f) / floor, 1)}×`],
    ['`serve` start-up to /healthz 200, empty store, ms', (f) => fmt(f.startupEmptyMs)],
    ['`serve` start-up to /healthz 200, filled store, ms', (f) => `${fmt(f.startupFullMs)} (${fmt(f.storiesAtStartup)} stories)`],
    [`20-story page by region (\`${READ_QUERIES.region.region}\`), ms`, (f) => ms(f.reads.region)],
    [`20-story page by country (\`${READ_QUERIES.country.country}\`), ms`, (f) => ms(f.reads.country)],
    [`20-story page by words (q \`${READ_QUERIES.words.q}\`), ms`, (f) => `${ms(f.reads.words)} (${f.reads.pageSizes.words} found)`],
    ["baseline: the region page's 20 stories by getStory (20 calls at once), ms", (f) => ms(f.reads.byId)],
    [`${fmt(shape.parallelFeeds)} feeds by 1 process: wall s / worker CPU s`, (f) => `${s(f.parallel.one.wallMs)} / ${s(f.parallel.one.cpuMs)}`],
    ['… by 3 processes at once: wall s / worker CPU s (all three)', (f) => `${s(f.parallel.three.wallMs)} / ${s(f.parallel.three.cpuMs)}`],
    [
      '… 3 against 1: wall / CPU / stories stored',
      (f) =>
        `${fmt(f.parallel.three.wallMs / f.parallel.one.wallMs, 2)}× / ${fmt(f.parallel.three.cpuMs / f.parallel.one.cpuMs, 2)}× / ${fmt(f.parallel.storiesThree)} vs ${fmt(f.parallel.storiesOne)}`,
    ],
  ];
}

/** The section: one column per store, then the baseline loop and how to read the figures. */
export function storeSection(shape: StoreShape, figures: StoreFigures[], baseline: BaselineFigures, totalMs: number): BenchSection {
  const table = [
    `| ${fmt(shape.feeds)} farm feeds of 20 items | ${figures.map((f) => NAMES[f.kind]).join(' | ')} |`,
    `| --- | ${figures.map(() => '---:').join(' | ')} |`,
    ...rows(shape, figures, baseline).map(([label, cell]) => `| ${label} | ${figures.map(cell).join(' | ')} |`),
  ];
  const loop = [
    '| baseline: bare GET loop (undici request, fetch.concurrency in flight, bodies read) over the same farm | wall s | CPU s | CPU ms per poll |',
    '| --- | ---: | ---: | ---: |',
    `| first pass, every feed 200 | ${s(baseline.first.wallMs)} | ${s(baseline.first.cpuMs)} | ${fmt(baseline.first.cpuMs / shape.feeds, 3)} |`,
    `| steady pass with the ETags of the pass before (median of ${fmt(shape.cycles * figures.length)}; ${fmt(baseline.steady.full)} answered 200) | ${s(baseline.steady.wallMs)} | ${s(baseline.steady.cpuMs)} | ${fmt(baseline.steady.cpuMs / shape.feeds, 3)} |`,
  ];
  const notes = [
    `A local farm (test/support/feed-farm.ts, in a child process of its own so its CPU is nobody's) serves ${fmt(shape.feeds)} RSS 2.0 feeds of 20 items (~46 KB each: headline, ~300-character description, ~1,500-character content:encoded, byline, some enclosures; ${fmt(shape.nearCopies)} wire stories appear in three feeds with small edits), with ETag and Last-Modified.`,
    "Each cycle is one `wirefeed fetch-once` child process (shipped regions, default fetch.concurrency) run under GNU time: its wall time, user + system CPU and peak RSS; the Redis server's own CPU (INFO cpu) is listed apart, since the worker's Redis work is spent there.",
    `The first cycle files everything; each steady cycle advances the farm first (10% of feeds gain 2 items, the oldest drop out). A fetch-once process's fixed cost (Node and tsx start-up, config, gazetteer, store open, prune) is measured on a one-feed config (a store of its own holding that feed, the feed answering 304) and taken off before dividing a steady cycle's CPU by its ${fmt(shape.feeds)} polls; the bare GET loop measures its own CPU around the loop only.`,
    'Start-up is spawn to the first 200 from /healthz of `wirefeed serve`, median of 5. Page reads go through the Store API in the bench process (listStories, limit 20), median of 25 after a warm-up.',
    `The three-process run files the first ${fmt(shape.parallelFeeds)} feeds into a fresh store with each process starting a third of the way round the list from the last, against one process filing the same feeds into another fresh store. Whole run: ${fmt(totalMs / 60_000, 1)} minutes.`,
  ];
  return { title: 'Store', body: [...table, '', ...loop, '', notes.join(' ')].join('\n') };
}
