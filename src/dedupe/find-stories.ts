import type { Item, Story } from '../domain/index.ts';
import type { FingerprintWindow, Store } from '../store/index.ts';
import { BatchState, type Indexed } from './batch-state.ts';
import { identityKeys } from './identity.ts';
import { fingerprint, type Signature, type StoryFingerprint } from './fingerprint.ts';
import { encodeSignature } from './signature-codec.ts';
import { storyText } from './text.ts';
import { closeness, isSameStory } from './verify.ts';

/** How far back copies are looked for, and the clock the index expires by. */
export interface DedupeOptions {
  windowHours: number;
  now: Date;
}

/** What the index keeps of a new story, for `indexStories` once it is saved. */
export interface IndexEntry {
  bandKeys: string[];
  signature: Uint8Array;
}

/** What the ingest cycle should do with an item. */
export type DedupeVerdict =
  | { kind: 'new'; identityKeys: string[]; index: IndexEntry }
  /** Already stored: the same entry fetched again. */
  | { kind: 'seen'; storyId: string }
  /** A copy of a stored story: another outlet's, or the same outlet's re-issue under a new id. */
  | { kind: 'copy'; storyId: string; identityKeys: string[] };

/**
 * The key only this entry holds, claimed with its other identity keys: a re-fetched entry is known
 * as itself without reading its story, even when its URL changed.
 */
export function entryKey(item: Pick<Item, 'id'>): string {
  return `item:${item.id}`;
}

/**
 * Decides for each item of a batch, in stream order, whether it starts a story, repeats one, or is a
 * copy: exact identity first, then near-duplicates. Three store round trips per batch; an item may be
 * a copy of an earlier item of the same batch, as long as the caller files the verdicts in order.
 */
export async function findStories(items: Item[], store: Store, options: DedupeOptions): Promise<DedupeVerdict[]> {
  const keys = items.map((item) => [entryKey(item), ...identityKeys(item)]);
  const unique = [...new Set(keys.flat())];
  const holders = await store.findByIdentities(unique.map((key) => [key]));
  const stored = new Map<string, string>();
  unique.forEach((key, i) => holders[i] !== undefined && stored.set(key, holders[i] as string));
  const prints = items.map((item, i) => ((keys[i] as string[]).some((key) => stored.has(key)) ? undefined : fingerprintOf(item, options)));
  const window: FingerprintWindow = { now: options.now, hours: options.windowHours };
  const candidates = await store.findCandidates(prints.flatMap((p) => p?.bandKeys ?? []), window);
  const batch = new BatchState(stored, candidates);
  const verdicts: DedupeVerdict[] = [];
  for (const [i, item] of items.entries()) {
    verdicts.push(await decide(item, keys[i] as string[], prints[i], batch, store, options));
  }
  return verdicts;
}

/** Adds newly saved stories to the near-duplicate index, in one store call. */
export async function indexStories(store: Store, entries: { storyId: string; index: IndexEntry }[], options: DedupeOptions): Promise<void> {
  const window = { now: options.now, hours: options.windowHours };
  await store.indexFingerprints(entries.map(({ storyId, index }) => ({ storyId, ...index })), window);
}

async function decide(
  item: Item,
  keys: string[],
  known: StoryFingerprint | undefined,
  batch: BatchState,
  store: Store,
  options: DedupeOptions,
): Promise<DedupeVerdict> {
  const [own, ...identity] = keys as [string, ...string[]];
  const self = batch.holder(own);
  if (self !== undefined) return { kind: 'seen', storyId: self };
  const held = identity.map((key) => batch.holder(key)).find((id) => id !== undefined);
  if (held !== undefined) {
    if (await isSameEntry(held, item, batch, store)) return { kind: 'seen', storyId: held };
    batch.file(held, item, keys);
    return { kind: 'copy', storyId: held, identityKeys: keys };
  }
  const print = known ?? fingerprintOf(item, options);
  const match = bestMatch(print.signature, batch.candidates(print.bandKeys), options.windowHours);
  if (match !== undefined) {
    batch.file(match, item, keys);
    return { kind: 'copy', storyId: match, identityKeys: keys };
  }
  batch.file(item.id, item, keys);
  batch.index(item.id, print.bandKeys, print.signature);
  return { kind: 'new', identityKeys: keys, index: { bandKeys: print.bandKeys, signature: encodeSignature(print.signature) } };
}

function fingerprintOf(item: Item, options: DedupeOptions): StoryFingerprint {
  const time = new Date(item.published);
  return fingerprint(storyText(item.title, item.text), Number.isNaN(time.getTime()) ? options.now : time);
}

// Of the candidates that pass verification, the one whose lead agrees most.
function bestMatch(signature: Signature, candidates: Indexed[], windowHours: number): string | undefined {
  let best: { id: string; lead: number } | undefined;
  for (const candidate of candidates) {
    if (!isSameStory(candidate.signature, signature, { windowMinutes: windowHours * 60 })) continue;
    const { lead } = closeness(candidate.signature, signature);
    if (!best || lead > best.lead) best = { id: candidate.storyId, lead };
  }
  return best?.id;
}

// Another entry with the same URL or guid: the same entry (or its source again) unless a new
// source reports it. Only this rare case reads the story.
async function isSameEntry(storyId: string, item: Item, batch: BatchState, store: Store): Promise<boolean> {
  const added = batch.addedTo(storyId);
  if (added?.itemIds.has(item.id) || added?.sourceIds.has(item.sourceId)) return true;
  if (added?.itemIds.has(storyId)) return false;
  const story: Story | undefined = await store.getStory(storyId);
  if (!story) return true;
  if (story.item.id === item.id || story.item.sourceId === item.sourceId) return true;
  return story.copies.some((copy) => copy.itemId === item.id || copy.sourceId === item.sourceId);
}
