// The Dedupe section of BENCHMARKS.md, from the figures scripts/bench/dedupe.ts measured.
import { DEV_STREAM } from './dedupe-stream.ts';
import { fmt, type BenchSection } from './measure.ts';

/** Items/s on one store: the dedupe stage, the whole ingest step, and exact URL lookups. */
export interface StoreFigures {
  stage: number;
  /** The dedupe stage with several feeds in flight at once. */
  stageInFlight: number;
  ingest: number;
  baseline: number;
  /** Share of a batch the stage found to be copies (built to be one half). */
  copyShare: number;
}

/** How the throughput runs were shaped. */
export interface Shape {
  stories: number;
  batch: number;
  feed: number;
  runs: number;
  concurrency: number;
  feedsInFlight: number;
}

/** The section: throughput on both stores, Redis index memory, and the dev-stream comparison. */
export function dedupeSection(
  shape: Shape,
  embedded: StoreFigures,
  redis: StoreFigures,
  bytesPerStory: number,
  stream: { items: number; baseline: number; wirefeed: number } | undefined,
): BenchSection {
  const row = (name: string, f: StoreFigures) => `| ${name} | ${fmt(f.stage)} | ${fmt(f.stageInFlight)} | ${fmt(f.ingest)} | ${fmt(f.baseline)} |`;
  const lines = [
    `| store | (a) dedupe stage items/s, one feed at a time | (a) with ${shape.feedsInFlight} feeds in flight | (b) whole ingest step items/s | baseline: exact URL lookups/s (${shape.concurrency} in flight) |`,
    '| --- | ---: | ---: | ---: | ---: |',
    row('SQLite (in memory)', embedded),
    row('Redis (one script per lookup step, one per filing)', redis),
    '',
    `${fmt(shape.stories)} stories in the 72-hour window; batches of ${fmt(shape.batch)} items (half new stories, half another outlet's copies under a new URL, title suffix and credit line; ` +
      `the stage found ${fmt(embedded.copyShare * 100)}% of a batch to be copies on SQLite and ${fmt(redis.copyShare * 100)}% on Redis) ` +
      `deduped as feeds of ${shape.feed} items, median of ${shape.runs} runs, batches generated before timing. ` +
      `"One feed at a time" waits for each feed's store calls before the next feed; "${shape.feedsInFlight} feeds in flight" runs ${shape.feedsInFlight} feeds' dedupe concurrently in one process, ` +
      `as the worker does when it polls ${shape.feedsInFlight} sources at once (fetch.concurrency default), so one feed's Redis waits overlap another's fingerprinting. ` +
      '(a) is dedupe and filing as the worker does them: identity lookups, band lookups, reporters, verification, then one atomic fileSource per feed writing its new stories (bare: no content), copies, identity keys and fingerprints. ' +
      '(b) is the same with every new story sanitized and its content stored, as the worker files it (no classification).',
    '',
    `Redis memory of what the stage files: ${fmt(bytesPerStory)} bytes per story (INFO used_memory delta over ${fmt(shape.stories)} bare stories filed: records without content, identity claims, fingerprint bands and signatures, listing indexes; the section "Redis memory by key family" breaks a whole story down).`,
    '',
  ];
  if (!stream) {
    lines.push(`Dev stream comparison skipped: ${DEV_STREAM} is absent.`);
  } else {
    lines.push(
      '| on the dev stream (wire-copies-dev.jsonl) | seconds (median of 3) | items/s |',
      '| --- | ---: | ---: |',
      `| wirefeed dedupe (embedded store, chunks of 256) | ${fmt(stream.wirefeed, 2)} | ${fmt(stream.items / stream.wirefeed)} |`,
      `| baseline: word 3-gram Jaccard ≥ 0.5 against every item of the past 72 h (title + first 300 characters) | ${fmt(stream.baseline, 2)} | ${fmt(stream.items / stream.baseline)} |`,
      '',
      `Over the ${fmt(stream.items)} items of the stream, JSON parsed beforehand; wirefeed includes its text normalization. wirefeed takes ${fmt((100 * stream.wirefeed) / stream.baseline)} % of the baseline's time.`,
    );
  }
  return { title: 'Dedupe', body: lines.join('\n') };
}
