// Classification speed over the dev set (in process, JSON read beforehand) and the gazetteer's memory.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClassifier } from '../../src/classify/index.ts';
import type { ClassifyInput } from '../../src/classify/index.ts';
import { createBaseline } from './classify-baseline.ts';
import { fmt, heapUsedMb, median, timeRuns, type BenchSection } from './measure.ts';

const RUNS = 7;
const root = fileURLToPath(new URL('../..', import.meta.url));
const DEV = path.resolve(root, '../shared/data/reuters-places-dev.jsonl');

function readStories(): ClassifyInput[] {
  if (!existsSync(DEV)) {
    throw new Error(`bench: classify needs the dev set at ${DEV} (reuters-places-dev.jsonl in ../shared/data/ beside the repository)`);
  }
  return readFileSync(DEV, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const s = JSON.parse(line) as { title: string; dateline: string; body: string };
      return { title: s.title, text: `${s.dateline} - ${s.body}`, defaultCountries: [], defaultRegions: [] };
    });
}

/** Stories per second of wirefeed's classifier and of a name-scan prototype, and the gazetteer's heap. */
export async function benchClassify(): Promise<BenchSection> {
  const stories = readStories();
  const before = heapUsedMb();
  const started = performance.now();
  const classifier = createClassifier([]);
  const loadMs = performance.now() - started;
  const gazetteerMb = heapUsedMb() - before;
  const baseline = createBaseline();
  const perSecond = (ms: number) => (stories.length / ms) * 1000;
  const ours = perSecond(median(await timeRuns(RUNS, () => stories.forEach((s) => classifier.classify(s)))));
  const proto = perSecond(median(await timeRuns(RUNS, () => stories.forEach((s) => baseline(s.title, s.text)))));
  const body = [
    '| classifier | stories/s (median of 7 runs) |',
    '| --- | ---: |',
    `| wirefeed classify (gazetteer, dateline, scoring, focus) | ${fmt(ours)} |`,
    `| baseline: lower-cased name scan (scripts/bench/classify-baseline.ts) | ${fmt(proto)} |`,
    '',
    `Over the ${fmt(stories.length)} stories of reuters-places-dev.jsonl, one core, JSON parsed beforehand.`,
    `wirefeed runs at ${fmt(ours / proto, 2)}× the baseline. The gazetteer takes ${fmt(gazetteerMb, 1)} MB of heap`,
    `after a forced collection and loads in ${fmt(loadMs)} ms.`,
  ].join('\n');
  return { title: 'Classification', body };
}
