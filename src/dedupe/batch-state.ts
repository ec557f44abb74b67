import type { FingerprintCandidate, Reporters } from '../store/index.ts';
import type { Signature } from './fingerprint.ts';
import { decodeSignature } from './signature-codec.ts';

/** A story that a band key may lead to, with its signature decoded once. */
export interface Indexed {
  storyId: string;
  signature: Signature;
}

/** Who reported a story, as sets. */
interface ReporterSets {
  itemIds: Set<string>;
  sourceIds: Set<string>;
}

/**
 * The stream as dedupe has decided it so far: what the store held when the batch was looked up,
 * plus the stories and copies decided earlier in the batch, so an item may be a copy of an earlier
 * item of its own batch. In a stream the earliest item with an identity key is the story it names.
 */
export class BatchState {
  private readonly identities: Map<string, string>;
  private readonly bands = new Map<string, Indexed[]>();
  /** Live stored holder of each band key looked up: what a new story's filing expects. */
  private readonly storedBands = new Map<string, string>();
  private readonly reporters = new Map<string, ReporterSets>();
  private readonly created = new Set<string>();

  constructor(stored: Map<string, string>, candidates: FingerprintCandidate[], storedReporters: Map<string, Reporters>) {
    this.identities = new Map(stored);
    for (const candidate of candidates) {
      const indexed = { storyId: candidate.storyId, signature: decodeSignature(candidate.signature) };
      for (const key of candidate.bandKeys) {
        this.bandHolders(key).push(indexed);
        this.storedBands.set(key, candidate.storyId);
      }
    }
    for (const [storyId, { itemIds, sourceIds }] of storedReporters) {
      this.reporters.set(storyId, { itemIds: new Set(itemIds), sourceIds: new Set(sourceIds) });
    }
  }

  /** The story holding an identity key, in the store or named earlier in the batch. */
  holder(key: string): string | undefined {
    return this.identities.get(key);
  }

  /** The live stored story holding each band key, or null: a new story's filing checks these still hold. */
  storedHolders(bandKeys: string[]): (string | null)[] {
    return bandKeys.map((key) => this.storedBands.get(key) ?? null);
  }

  /** Stories under any of the band keys, each once, in key order. */
  candidates(bandKeys: string[]): Indexed[] {
    const found = new Set<Indexed>();
    for (const key of bandKeys) for (const indexed of this.bands.get(key) ?? []) found.add(indexed);
    return [...found];
  }

  /** Whether this item or its source already reported the story (stored, or earlier in the batch). */
  reported(storyId: string, item: { id: string; sourceId: string }): boolean | undefined {
    const known = this.reporters.get(storyId);
    if (!known) return undefined;
    return known.itemIds.has(item.id) || known.sourceIds.has(item.sourceId);
  }

  /** Records an item decided under a story (new or copy): later items see its keys as that story's. */
  file(storyId: string, item: { id: string; sourceId: string }, identityKeys: string[]): void {
    for (const key of identityKeys) if (!this.identities.has(key)) this.identities.set(key, storyId);
    const known = this.reporters.get(storyId) ?? { itemIds: new Set<string>(), sourceIds: new Set<string>() };
    known.itemIds.add(item.id);
    known.sourceIds.add(item.sourceId);
    this.reporters.set(storyId, known);
  }

  /** Indexes a new story of the batch under its band keys, after any stored holder. */
  index(storyId: string, bandKeys: string[], signature: Signature): void {
    const indexed = { storyId, signature };
    for (const key of bandKeys) {
      const holders = this.bandHolders(key);
      // Within the batch, too, a band key leads to the first story that had it.
      if (!holders.some((h) => this.created.has(h.storyId))) holders.push(indexed);
    }
    this.created.add(storyId);
  }

  private bandHolders(key: string): Indexed[] {
    let holders = this.bands.get(key);
    if (!holders) this.bands.set(key, (holders = []));
    return holders;
  }
}
