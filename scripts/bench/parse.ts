// Parse + normalize throughput over the feed fixture corpus, next to feedsmith's bare parse of the
// same decoded text in the same run, and the largest file's time and heap.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { parseDocument } from '../../src/cli/parse.ts';
import { identifyEntries } from '../../src/normalize/index.ts';
import { parseFeed } from '../../src/parse/index.ts';
import { feedFiles } from '../eval-data.ts';
import { fmt, heapUsedMb, median, timeRuns, type BenchSection } from './measure.ts';

const RUNS = 15;
const root = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = path.resolve(root, '../shared/fixtures/feeds');
const NOW = new Date('2026-03-01T12:00:00Z');
const BENCH_SOURCE = { id: 'bench', url: 'https://bench.example/feed', title: 'bench', language: 'und', defaultCountries: [], defaultRegions: [], pollIntervalMinutes: 0 };

interface Doc {
  file: string;
  bytes: Buffer;
  text: string;
}

function readCorpus(dir: string): Doc[] {
  return feedFiles(dir).map((file) => {
    const bytes = readFileSync(file);
    return { file, bytes, text: bytes.toString('utf8') };
  });
}

// feedsmith alone, on text already decoded as UTF-8: the floor any feedsmith-based parser pays.
function bare(doc: Doc): number {
  try {
    const parsed = feedsmithParse(doc.text);
    return parsed.format === 'atom' ? (parsed.feed.entries?.length ?? 0) : (parsed.feed.items?.length ?? 0);
  } catch {
    return 0;
  }
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

function ours(doc: Doc): number {
  const outcome = parseDocument(doc.bytes, doc.file, NOW);
  return outcome.ok ? outcome.items.length : 0;
}

// Rounds of one pass each, so load from other processes falls on every task alike; medians per task.
function interleaved(tasks: (() => unknown)[]): number[] {
  const samples = tasks.map(() => [] as number[]);
  for (let round = 0; round <= RUNS; round++) {
    tasks.forEach((task, index) => {
      const started = performance.now();
      task();
      // Round 0 warms up.
      if (round > 0) samples[index]!.push(performance.now() - started);
    });
  }
  return samples.map((times) => median(times));
}

/** MB/s and items/s of wirefeed parse + normalize and of feedsmith's bare parse; the largest file's cost. */
export async function benchParse(): Promise<BenchSection> {
  if (!existsSync(CORPUS)) throw new Error(`bench: parse needs the feed corpus at ${CORPUS} (fixtures/feeds in ../shared/ beside the repository)`);
  const docs = readCorpus(CORPUS);
  const megabytes = docs.reduce((sum, doc) => sum + doc.bytes.length, 0) / 2 ** 20;
  const count = (run: (doc: Doc) => number) => docs.reduce((sum, doc) => sum + run(doc), 0);
  const items = count(ours);
  const bareItems = count(bare);
  const refetchItems = count(refetch);
  const [oursMs, refetchMs, parseMs, bareMs] = interleaved([() => count(ours), () => count(refetch), () => count(parseOnly), () => count(bare)]) as [number, number, number, number];
  const largest = docs.reduce((a, b) => (b.bytes.length > a.bytes.length ? b : a));
  const largestMs = median(await timeRuns(RUNS, () => ours(largest)));
  const heapBefore = heapUsedMb();
  const kept = parseDocument(largest.bytes, largest.file, NOW);
  // Read before any collection: what one parse of the largest file holds at its end, garbage included.
  const heapGrowth = process.memoryUsage().heapUsed / 2 ** 20 - heapBefore;
  const retained = heapUsedMb() - heapBefore;
  const rate = (ms: number, n: number) => (n / ms) * 1000;
  const body = [
    '| pipeline | MB/s | items/s | median ms per corpus pass |',
    '| --- | ---: | ---: | ---: |',
    `| wirefeed parse + normalize (charset, lenient recovery, ids, URLs, dates, sanitize, text) | ${fmt(rate(oursMs, megabytes), 1)} | ${fmt(rate(oursMs, items))} | ${fmt(oursMs, 1)} |`,
    `| wirefeed parse + identify, a re-fetch of entries the store holds (ids, links, dates; no content read) | ${fmt(rate(refetchMs, megabytes), 1)} | ${fmt(rate(refetchMs, refetchItems))} | ${fmt(refetchMs, 1)} |`,
    `| wirefeed parse only (charset, lenient recovery, format adapters) | ${fmt(rate(parseMs, megabytes), 1)} | ${fmt(rate(parseMs, items))} | ${fmt(parseMs, 1)} |`,
    `| baseline: feedsmith parseFeed on UTF-8 text | ${fmt(rate(bareMs, megabytes), 1)} | ${fmt(rate(bareMs, bareItems))} | ${fmt(bareMs, 1)} |`,
    '',
    `Over the ${docs.length} files (${fmt(megabytes, 2)} MB, ${fmt(items)} items normalized; feedsmith alone reads ${fmt(bareItems)}) of the fixture corpus, one core, files read beforehand, median of ${RUNS} interleaved passes.`,
    `Parse alone costs ${fmt((parseMs / bareMs - 1) * 100)}% on top of the bare parse. Normalizing every entry as new, parse + normalize costs ${fmt((oursMs / bareMs - 1) * 100)}%`,
    `(${oursMs / bareMs <= 1.3 ? 'within' : 'over'} the 30% budget); a re-fetch, which normalizes only the identity of entries the store holds, costs ${fmt((refetchMs / bareMs - 1) * 100)}% (${refetchMs / bareMs <= 1.3 ? 'within' : 'over'} it).`,
    'First sight is dominated by sanitize-html: each content body is parsed again as HTML (3.4 MB of the 6.6 MB here), and every call pays ~25 µs of set-up whatever its size.',
    `The largest file, ${path.relative(CORPUS, largest.file)} (${fmt(largest.bytes.length / 1024)} KB, ${kept.ok ? kept.items.length : 0} items), takes ${fmt(largestMs, 1)} ms;`,
    `one parse of it grows the heap by ${fmt(heapGrowth, 1)} MB before collection and keeps ${fmt(retained, 1)} MB of items.`,
  ].join('\n');
  return { title: 'Parsing and normalization', body };
}
