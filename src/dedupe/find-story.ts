import type { Item, Story } from '../domain/index.ts';
import type { FingerprintCandidate, Store } from '../store/index.ts';
import { identityKeys } from './identity.ts';
import { decodeSignature, encodeSignature, fingerprint, type Signature } from './fingerprint.ts';
import { storyText } from './text.ts';
import { closeness, isSameStory } from './verify.ts';

/** How far back copies are looked for, and the clock the index expires by. */
export interface DedupeOptions {
  windowHours: number;
  now: Date;
}

/** What the index keeps of a new story, for `indexStory` once it is saved. */
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
  | { kind: 'copy'; story: Story; identityKeys: string[] };

/** Decides whether an item starts a story, repeats one, or is a copy: exact identity first, then near-duplicates. */
export async function findStory(item: Item, store: Store, options: DedupeOptions): Promise<DedupeVerdict> {
  const keys = identityKeys(item);
  const storyId = await store.findByIdentity(keys);
  if (storyId !== undefined) {
    const story = await store.getStory(storyId);
    if (!story || isSameEntry(story, item)) return { kind: 'seen', storyId };
    return { kind: 'copy', story, identityKeys: keys };
  }
  const time = new Date(item.published);
  const print = fingerprint(storyText(item.title, item.text), Number.isNaN(time.getTime()) ? options.now : time);
  const window = { now: options.now, hours: options.windowHours };
  const match = bestMatch(print.signature, await store.findCandidates(print.bandKeys, window), options.windowHours);
  const story = match === undefined ? undefined : await store.getStory(match);
  if (!story) return { kind: 'new', identityKeys: keys, index: { bandKeys: print.bandKeys, signature: encodeSignature(print.signature) } };
  if (story.id === item.id || story.copies.some((copy) => copy.itemId === item.id)) return { kind: 'seen', storyId: story.id };
  return { kind: 'copy', story, identityKeys: keys };
}

/** Adds a newly saved story to the near-duplicate index. */
export async function indexStory(store: Store, storyId: string, entry: IndexEntry, options: DedupeOptions): Promise<void> {
  await store.indexFingerprint({ storyId, ...entry }, { now: options.now, hours: options.windowHours });
}

// Of the candidates that pass verification, the one whose lead agrees most.
function bestMatch(signature: Signature, candidates: FingerprintCandidate[], windowHours: number): string | undefined {
  let best: { id: string; lead: number } | undefined;
  for (const candidate of candidates) {
    const other = decodeSignature(candidate.signature);
    if (!isSameStory(other, signature, { windowMinutes: windowHours * 60 })) continue;
    const { lead } = closeness(other, signature);
    if (!best || lead > best.lead) best = { id: candidate.storyId, lead };
  }
  return best?.id;
}

function isSameEntry(story: Story, item: Item): boolean {
  if (story.item.id === item.id || story.item.sourceId === item.sourceId) return true;
  return story.copies.some((copy) => copy.itemId === item.id || copy.sourceId === item.sourceId);
}
