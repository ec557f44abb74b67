// Parse + normalize throughput over the feed fixture corpus, next to feedsmith's bare parse of the
// same decoded text in the same run, and the largest file's time and heap.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { parseDocument } from '../../src/cli/parse.ts';
import { identifyEntries, normalizeFeed } from '../../src/normalize/index.ts';
import { parseFeed, type ParsedFeed } from '../../src/parse/index.ts';
import { feedFiles } from '../eval-data.ts';
import { fmt, heapUsedMb, median, timeRuns, type BenchSection } from './measure.ts';

const RUNS = 21;
const root = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = path.resolve(root, '../shared/fixtures/feeds');
const NOW = new Date('2026-03-01T12:00:00Z');
const BENCH_SOURCE = {
  id: 'bench',
  url: 'https://bench.example/feed',
  title: 'bench',
  language: 'und',
  defaultCountries: [],
  defaultRegions: [],
  pollIntervalMinutes: 0,
};

interface Doc {
  file: string;
  bytes: Buffer;
  text: string;
  /** wirefeed's parse of it, for timing normalization alone; absent when it is no feed. */
  feed?: ParsedFeed;
}

function readCorpus(dir: string): Doc[] {
  return feedFiles(dir).map((file) => {
    const bytes = readFileSync(file);
    return { file, bytes, text: bytes.toString('utf8'), feed: parsedOrNot(bytes, file) };
  });
}

function parsedOrNot(bytes: Buffer, file: string): ParsedFeed | undefined {
  try {
    return parseFeed(bytes, { url: pathToFileURL(file).href });
  } catch {
    return undefined;
  }
}

// feedsmith alone, on text already decoded as UTF-8: the floor any feedsmith-based parser pays.
function bare(doc: Doc): number {
  return feedsmithEntries(doc.text);
}

// The same from the fetched bytes, decoded as UTF-8 the way a plain consumer does (`response.text()`).
function bareFromBytes(doc: Doc): number {
  return feedsmithEntries(doc.bytes.toString('utf8'));
}

function feedsmithEntries(text: string): number {
  try {
    const parsed = feedsmithParse(text);
    return parsed.format === 'atom' ? (parsed.feed.entries?.length ?? 0) : (parsed.feed.items?.length ?? 0);
  } catch {
    return 0;
  }
}

// Normalization alone, on the feeds wirefeed parsed beforehand: what normalizing adds to a parse.
function normalizeOnly(doc: Doc): number {
  return doc.feed ? normalizeFeed(doc.feed, BENCH_SOURCE, NOW).length : 0;
}

function parseOnly(doc: Doc): number {
  try {
    return parseFeed(doc.bytes, { url: pathToFileURL(doc.file).href }).entries.length;
  } catch {
    return 0;
  }
}

// What the worker pays for a re-fetched feed whose entries the store all holds: parse, then each
// entry's id, link and dates; no content is read (see completeItems).
function refetch(doc: Doc): number {
  try {
    const feed = parseFeed(doc.bytes, { url: pathToFileURL(doc.file).href });
    return identifyEntries(feed, BENCH_SOURCE, NOW).entries.length;
  } catch {
    return 0;
  }
}

// What the worker pays for a feed whose entries are all new, before dedupe: parse, then every
// entry's id, link, dates, plain text, summary, media and people. Content is not sanitized yet.
function firstSight(doc: Doc): number {
  try {
    const feed = parseFeed(doc.bytes, { url: pathToFileURL(doc.file).href });
    return normalizeFeed(feed, BENCH_SOURCE, NOW).length;
  } catch {
    return 0;
  }
}

// As above, and every entry's content sanitized as if each started a story (sanitizeItem): what
// `wirefeed parse` does. The worker sanitizes only the items that start a story, once, when stored.
function everyEntrySanitized(doc: Doc): number {
  const outcome = parseDocument(doc.bytes, doc.file, NOW);
  return outcome.ok ? outcome.items.length : 0;
}

// Rounds of one pass of each task, each round starting at the next task, so load from other
// processes falls on every task alike; a full collection before each pass, so no task pays for the
// garbage the one before it left. Returns each task's pass times, by round.
function interleaved(tasks: (() => unknown)[]): number[][] {
  const samples = tasks.map(() => [] as number[]);
  for (let round = 0; round <= RUNS; round++) {
    tasks.forEach((_, offset) => {
      const index = (round + offset) % tasks.length;
      (globalThis as { gc?: () => void }).gc?.();
      const started = performance.now();
      tasks[index]!();
      // Round 0 warms up.
      if (round > 0) samples[index]!.push(performance.now() - started);
    });
  }
  return samples;
}

// A task's time against the baseline's: the median of the two's ratio within each round, which a
// slow spell of the machine moves far less than a ratio of the two medians.
function pairedRatio(task: number[], baseline: number[]): number {
  return median(task.map((ms, round) => ms / baseline[round]!));
}

/** MB/s and items/s of wirefeed parse + normalize and of feedsmith's bare parse; the largest file's cost. */
export async function benchParse(): Promise<BenchSection> {
  if (!existsSync(CORPUS)) throw new Error(`bench: parse needs the feed corpus at ${CORPUS} (fixtures/feeds in ../shared/ beside the repository)`);
  const docs = readCorpus(CORPUS);
  const megabytes = docs.reduce((sum, doc) => sum + doc.bytes.length, 0) / 2 ** 20;
  const count = (run: (doc: Doc) => number) => docs.reduce((sum, doc) => sum + run(doc), 0);
  const items = count(firstSight);
  const contentMb =
    docs.reduce((sum, doc) => sum + (doc.feed?.entries.reduce((chars, entry) => chars + (entry.contentHtml ?? entry.summaryHtml ?? '').length, 0) ?? 0), 0) /
    2 ** 20;
  const bareItems = count(bare);
  const refetchItems = count(refetch);
  const tasks = [firstSight, everyEntrySanitized, refetch, parseOnly, normalizeOnly, bare, bareFromBytes].map((run) => () => count(run));
  const samples = interleaved(tasks);
  const bareSamples = samples[5]!;
  const [firstMs, sanitizedMs, refetchMs, parseMs, normalizeMs, bareMs, bytesMs] = samples.map((times) => median(times)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [first, sanitized, refetched, parsed, normalized, , fromBytes] = samples.map((times) => pairedRatio(times, bareSamples)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const largest = docs.reduce((a, b) => (b.bytes.length > a.bytes.length ? b : a));
  const largestMs = median(await timeRuns(RUNS, () => everyEntrySanitized(largest)));
  const heapBefore = heapUsedMb();
  const kept = parseDocument(largest.bytes, largest.file, NOW);
  // Read before any collection: what one parse of the largest file holds at its end, garbage included.
  const heapGrowth = process.memoryUsage().heapUsed / 2 ** 20 - heapBefore;
  const retained = heapUsedMb() - heapBefore;
  const rate = (ms: number, n: number) => (n / ms) * 1000;
  // Ratios are paired medians (see pairedRatio): "+30%" is a pass 1.30 times the bare parse's.
  const signed = (ratio: number) => `${ratio < 1 ? '−' : '+'}${fmt(Math.abs(ratio - 1) * 100)}%`;
  const share = (ratio: number) => `${fmt(ratio * 100)}%`;
  const verdict = (cost: number) => (cost <= 0.3 ? 'within' : 'over');
  const row = (what: string, ms: number, n: number, cost: string) =>
    `| ${what} | ${fmt(rate(ms, megabytes), 1)} | ${fmt(rate(ms, n))} | ${fmt(ms, 1)} | ${cost} |`;
  const body = [
    '| pipeline | MB/s | items/s | median ms per corpus pass | against the bare parse |',
    '| --- | ---: | ---: | ---: | ---: |',
    row(
      'wirefeed parse + normalize, every entry new (charset, lenient recovery, ids, URLs, dates, plain text, summary, media, people)',
      firstMs,
      items,
      signed(first),
    ),
    row('the same, and every entry sanitized as if it started a story (`wirefeed parse`)', sanitizedMs, items, signed(sanitized)),
    row('wirefeed parse + identify, a re-fetch of entries the store holds (ids, links, dates; no content read)', refetchMs, refetchItems, signed(refetched)),
    row('wirefeed parse only (charset, lenient recovery, format adapters)', parseMs, items, signed(parsed)),
    row('wirefeed normalize only, on feeds it parsed beforehand (every entry new)', normalizeMs, items, `${share(normalized)} of its time`),
    row('baseline: feedsmith parseFeed on UTF-8 text', bareMs, bareItems, '—'),
    row('feedsmith parseFeed on the bytes, decoded as UTF-8 in the pass', bytesMs, bareItems, signed(fromBytes)),
    '',
    `Over the ${docs.length} files (${fmt(megabytes, 2)} MB, ${fmt(items)} items normalized; feedsmith alone reads ${fmt(bareItems)}) of the fixture corpus, one core, files read beforehand;`,
    `${RUNS} rounds of one pass of each task, a collection before each pass. Times are medians; the last column is the median of each round's ratio to the bare parse in that round.`,
    `Normalization itself costs ${share(normalized)} of the bare parse (${verdict(normalized)} the 30% budget). From bytes to normalized items costs ${signed(first)} (${verdict(first - 1)} it);`,
    `of that, parsing (charset checks, control characters, lenient recovery, adapters) is ${signed(parsed)}. A re-fetch, which reads only the identity of the entries the store holds, costs ${signed(refetched)} (${verdict(refetched - 1)} it).`,
    `Content is sanitized once per story, when the worker stores it; copies and entries seen before never are. Sanitizing every entry of the corpus too costs ${signed(sanitized)} in all,`,
    `${fmt(((sanitizedMs - firstMs) / items) * 1000, 1)} µs an entry on average: sanitize-html parses each body again as HTML (${fmt(contentMb, 1)} million characters of content against ${fmt(megabytes, 1)} MB of feeds).`,
    `The largest file, ${path.relative(CORPUS, largest.file)} (${fmt(largest.bytes.length / 1024)} KB, ${kept.ok ? kept.items.length : 0} items), takes ${fmt(largestMs, 1)} ms with every entry sanitized;`,
    `one parse of it grows the heap by ${fmt(heapGrowth, 1)} MB before collection and keeps ${fmt(retained, 1)} MB of items.`,
  ].join('\n');
  return { title: 'Parsing and normalization', body };
}
