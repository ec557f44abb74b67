import type { StoryText } from './text.ts';

/** What the index keeps of a story to verify a candidate without reading the story. */
export interface Signature {
  /** Minutes since the epoch of the item's time, to hold the window exactly. */
  minute: number;
  /** 12-bit hashes of the word 3-grams of the lead, in order. */
  lead: number[];
  /** 12-bit hashes of the headline's words, sorted. */
  title: number[];
  /** 12-bit hashes of shingles after the lead, chosen by content so that a trimmed copy keeps a prefix. */
  rest: number[];
  /** Day of the month in the dateline, 0 when none. */
  day: number;
  /** 10-bit hash (1–1023) of the headline's company ticker, 0 when none. */
  ticker: number;
}

/** A story's fingerprint: index keys for the lookup and the signature for verification. */
export interface StoryFingerprint {
  bandKeys: string[];
  signature: Signature;
}

/** Words of the lead that are fingerprinted: outlets that trim a story keep at least its lead. */
export const LEAD_WORDS = 24;
const SHINGLE = 3;
const BANDS = 5;
const ROWS = 2;
const MAX_TITLE_WORDS = 6;
const REST_WORDS = 200;
const MAX_REST = 10;
// Fixed odd multipliers and offsets: one universal hash per MinHash row, the same on every run.
const SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => [hash32(`a${i}`) | 1, hash32(`b${i}`)] as const);

/** FNV-1a, 32 bits: fast and well spread for short strings. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// hash32 of words[start..start+count) joined by single spaces, without building the string: the
// fingerprint hashes ~100 shingles per item, and the joins were a measurable share of the stage.
function hashWords(words: string[], start: number, count: number): number {
  let h = 0x811c9dc5;
  for (let w = start; w < start + count; w++) {
    if (w > start) h = Math.imul(h ^ 0x20, 0x01000193);
    const word = words[w] as string;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of the word shingles of the lead (a short lead gives its whole self as one shingle). */
export function leadShingles(words: string[]): number[] {
  const lead = words.slice(0, LEAD_WORDS);
  if (lead.length === 0) return [];
  if (lead.length < SHINGLE) return [hashWords(lead, 0, lead.length)];
  const out: number[] = [];
  for (let i = 0; i + SHINGLE <= lead.length; i++) out.push(hashWords(lead, i, SHINGLE));
  return out;
}

/** Band keys (MinHash bands over the lead, plus the headline's word set) and the signature. */
export function fingerprint(text: StoryText, time: Date): StoryFingerprint {
  const shingles = leadShingles(text.bodyWords);
  const titleHashes = [...new Set(text.titleWords.map(hash32))].sort((a, b) => a - b);
  const bandKeys = minHashBands(shingles);
  if (titleHashes.length >= 3) bandKeys.push(`t${combine(titleHashes).toString(36)}`);
  const signature = {
    minute: Math.floor(time.getTime() / 60_000),
    lead: shingles.map((h) => h & 0xfff),
    title: [...new Set(titleHashes.map((h) => h & 0xfff))].sort((a, b) => a - b).slice(0, MAX_TITLE_WORDS),
    rest: restSample(text.bodyWords),
    day: text.datelineDay,
    ticker: text.ticker ? (hash32(text.ticker) % 1023) + 1 : 0,
  };
  return { bandKeys, signature };
}

// One shingle in eight, picked by its hash: two texts sharing a passage pick the same shingles in it.
function restSample(words: string[]): number[] {
  const out: number[] = [];
  const end = Math.min(words.length, REST_WORDS);
  for (let i = LEAD_WORDS - SHINGLE + 1; i + SHINGLE <= end && out.length < MAX_REST; i++) {
    const h = hashWords(words, i, SHINGLE);
    if ((h & 7) === 0) out.push(h >>> 20);
  }
  return out;
}

function minHashBands(shingles: number[]): string[] {
  if (shingles.length < 2) return [];
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    const mins: number[] = [];
    for (let row = 0; row < ROWS; row++) {
      const [a, b] = SEEDS[band * ROWS + row] as readonly [number, number];
      let min = 0xffffffff;
      for (const s of shingles) min = Math.min(min, (Math.imul(s, a) + b) >>> 0);
      mins.push(min);
    }
    keys.push(`${band}${combine(mins).toString(36)}`);
  }
  return keys;
}

function combine(values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) h = Math.imul(h ^ v, 0x01000193) ^ (v >>> 16);
  return h >>> 0;
}
