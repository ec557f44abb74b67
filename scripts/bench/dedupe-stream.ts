// The baseline on the dev stream: each item against every item of the past 72 h by word
// 3-gram Jaccard ≥ 0.5 over title + first 300 characters, next to wirefeed on the same stream.
import { existsSync, readFileSync } from 'node:fs';
import { plainText } from '../../src/dedupe/index.ts';
import type { Item } from '../../src/domain/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { fileFeed } from '../../src/worker/index.ts';
import { median, timeRuns } from './measure.ts';
import { sanitizeItem } from '../../src/normalize/index.ts';

/** Where the dev stream is looked for, relative to the repository. */
export const DEV_STREAM = '../shared/data/wire-copies-dev.jsonl';
const WINDOW_MS = 72 * 3_600_000;
const CHUNK = 256;

interface Line {
  id: string;
  title: string;
  body: string;
  url: string;
  source: string;
  published: string;
}

/** Seconds per pass (median of `runs`) of the baseline and of wirefeed, or undefined without the data. */
export async function benchStream(runs: number): Promise<{ items: number; baseline: number; wirefeed: number } | undefined> {
  if (!existsSync(DEV_STREAM)) return undefined;
  const lines = readFileSync(DEV_STREAM, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
  const baseline = median(await timeRuns(runs, () => jaccardScan(lines)));
  const items = lines.map(toItem);
  const wirefeed = median(await timeRuns(runs, () => dedupeStream(items)));
  return { items: lines.length, baseline: baseline / 1000, wirefeed: wirefeed / 1000 };
}

// Shingles as sorted 32-bit hashes: the baseline gets a fair, allocation-free comparison.
function shingles(line: Line): Uint32Array {
  const words = `${line.title} ${line.body.slice(0, 300)}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<number>();
  for (let i = 0; i + 3 <= words.length; i++) out.add(hash32(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
  return Uint32Array.from(out).sort();
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      shared += 1;
      i++;
      j++;
    } else if ((a[i] as number) < (b[j] as number)) {
      i++;
    } else {
      j++;
    }
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

// Quadratic on purpose: it is what a newsroom script does, and what wirefeed's index replaces.
function jaccardScan(lines: Line[]): number {
  const seen: { time: number; shingles: Uint32Array }[] = [];
  let duplicates = 0;
  for (const line of lines) {
    const time = Date.parse(line.published);
    const own = shingles(line);
    if (seen.some((earlier) => Math.abs(time - earlier.time) <= WINDOW_MS && jaccard(own, earlier.shingles) >= 0.5)) duplicates += 1;
    seen.push({ time, shingles: own });
  }
  return duplicates;
}

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function toItem(line: Line): Item {
  const title = plainText(line.title).replace(/\s+/g, ' ').trim();
  return {
    id: line.id,
    sourceId: line.source,
    link: line.url,
    url: line.url,
    title,
    summary: '',
    text: plainText(line.body),
    published: line.published,
    categories: [],
    enclosures: [],
  };
}

// What `wirefeed dedupe` does with the stream, without the process and JSON around it.
async function dedupeStream(items: Item[]): Promise<void> {
  const store = SqliteStore.inMemory();
  const state = { sourceId: 'bench', consecutiveFailures: 0, itemsSeen: 0 };
  const now = new Date();
  for (let at = 0; at < items.length; at += CHUNK) {
    const chunk = items.slice(at, at + CHUNK);
    const toStory = (item: Item) => ({
      id: item.id,
      item: sanitizeItem(item),
      copies: [],
      firstSeen: now.toISOString(),
      countries: [],
      regions: [],
      evidence: [],
    });
    await fileFeed(chunk, state, { store, windowHours: 72, now, toStory });
  }
  await store.close();
}
