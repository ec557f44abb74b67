import type { Item } from '../domain/index.ts';
import type { DedupeLookup, Fingerprint, FingerprintCandidate, FingerprintWindow, Reporters } from '../store/index.ts';
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

/** What dedupe decided about one item. Nothing is written: the worker files it. */
export type Decision =
  /** Already stored: the same entry fetched again. */
  | { kind: 'seen'; storyId: string }
  /** A copy of a story: another outlet's, or the same outlet's re-issue under a new id. */
  | { kind: 'copy'; storyId: string; itemKey: string; identityKeys: string[] }
  /** Starts a story; `bandHolders` is what the index held under its band keys when dedupe looked. */
  | { kind: 'new'; itemKey: string; identityKeys: string[]; fingerprint: Fingerprint; bandHolders: (string | null)[] };

/** What the store held when a batch was looked up: all that deciding it needs. */
interface Facts {
  holders: Map<string, string>;
  prints: (StoryFingerprint | undefined)[];
  candidates: FingerprintCandidate[];
  reporters: Map<string, Reporters>;
}

/**
 * The key only this entry holds, claimed with its other identity keys: a re-fetched entry is known
 * as itself without reading its story, even when its URL changed.
 */
export function itemKey(item: Pick<Item, 'id'>): string {
  return `item:${item.id}`;
}

/**
 * Decides for each item of a batch, in stream order, whether it starts a story, repeats one, or is a
 * copy: exact identity first, then near-duplicates. It reads the store through `lookup` (three
 * round trips per batch) and writes nothing; an item may be a copy of an earlier item of the batch.
 */
export async function decideStories(items: Item[], lookup: DedupeLookup, options: DedupeOptions): Promise<Decision[]> {
  // A 304 or a feed with nothing unseen: nothing to ask the store (three round trips a poll otherwise).
  if (items.length === 0) return [];
  const facts = await readFacts(items, lookup, options);
  const batch = new BatchState(facts.holders, facts.candidates, facts.reporters);
  return items.map((item, i) => decide(item, facts.prints[i], batch, options));
}

async function readFacts(items: Item[], lookup: DedupeLookup, options: DedupeOptions): Promise<Facts> {
  const keys = [...new Set(items.flatMap((item) => [itemKey(item), ...identityKeys(item)]))];
  const holders = await lookup.findHolders(keys);
  const known = (item: Item): boolean => holders.has(itemKey(item)) || identityKeys(item).some((key) => holders.has(key));
  const prints = items.map((item) => (known(item) ? undefined : fingerprintOf(item, options)));
  const window: FingerprintWindow = { now: options.now, hours: options.windowHours };
  const candidates = await lookup.findCandidates(
    prints.flatMap((p) => p?.bandKeys ?? []),
    window,
  );
  // Who reported the stories an item may repeat: those holding its keys, and its near-duplicate candidates.
  const stories = new Set([...holders.values(), ...candidates.map((c) => c.storyId)]);
  const reporters = stories.size === 0 ? new Map<string, Reporters>() : await lookup.findReporters([...stories]);
  return { holders, prints, candidates, reporters };
}

function decide(item: Item, known: StoryFingerprint | undefined, batch: BatchState, options: DedupeOptions): Decision {
  const own = itemKey(item);
  const identity = identityKeys(item);
  const self = batch.holder(own);
  if (self !== undefined) return { kind: 'seen', storyId: self };
  const held = identity.map((key) => batch.holder(key)).find((id) => id !== undefined);
  if (held !== undefined) {
    // Another entry with the same URL or guid is the same entry again, unless a new source reports it;
    // a key whose story is gone is left alone.
    if (batch.reported(held, item) ?? true) return { kind: 'seen', storyId: held };
    batch.file(held, item, [own, ...identity]);
    return { kind: 'copy', storyId: held, itemKey: own, identityKeys: identity };
  }
  const print = known ?? fingerprintOf(item, options);
  const match = bestMatch(print.signature, batch.candidates(print.bandKeys), options.windowHours);
  if (match !== undefined) {
    batch.file(match, item, [own, ...identity]);
    return { kind: 'copy', storyId: match, itemKey: own, identityKeys: identity };
  }
  const bandHolders = batch.storedHolders(print.bandKeys);
  batch.file(item.id, item, [own, ...identity]);
  batch.index(item.id, print.bandKeys, print.signature);
  const stored = { bandKeys: print.bandKeys, signature: encodeSignature(print.signature) };
  return { kind: 'new', itemKey: own, identityKeys: identity, fingerprint: stored, bandHolders };
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
