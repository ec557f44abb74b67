import type { FingerprintCandidate } from '../store/index.ts';
import type { Signature } from './fingerprint.ts';
import { decodeSignature } from './signature-codec.ts';

/** Who reported a story: its items' ids and their sources, for the same-entry check. */
export interface Reporters {
  itemIds: Set<string>;
  sourceIds: Set<string>;
}

/** A story that a band key may lead to, with its signature decoded once. */
export interface Indexed {
  storyId: string;
  signature: Signature;
}

/**
 * What the items before the current one in a batch have changed, on top of what the store held when
 * the batch was looked up: so an item may be a copy of an earlier item of its own batch.
 */
export class BatchState {
  private readonly identities = new Map<string, string>();
  private readonly bands = new Map<string, Indexed[]>();
  private readonly reporters = new Map<string, Reporters>();
  private readonly created = new Set<string>();

  constructor(stored: Map<string, string>, candidates: FingerprintCandidate[]) {
    for (const [key, storyId] of stored) this.identities.set(key, storyId);
    for (const candidate of candidates) {
      const indexed = { storyId: candidate.storyId, signature: decodeSignature(candidate.signature) };
      for (const key of candidate.bandKeys) this.bandHolders(key).push(indexed);
    }
  }

  /** The story holding an identity key, in the store or claimed earlier in the batch. */
  holder(key: string): string | undefined {
    return this.identities.get(key);
  }

  /** Stories under any of the band keys, each once, in key order. */
  candidates(bandKeys: string[]): Indexed[] {
    const found = new Set<Indexed>();
    for (const key of bandKeys) for (const indexed of this.bands.get(key) ?? []) found.add(indexed);
    return [...found];
  }

  /** Items and sources this batch added to a story. */
  addedTo(storyId: string): Reporters | undefined {
    return this.reporters.get(storyId);
  }

  /** Records an item filed under a story (new or copy): it claims its keys like the store will. */
  file(storyId: string, item: { id: string; sourceId: string }, identityKeys: string[]): void {
    for (const key of identityKeys) if (!this.identities.has(key)) this.identities.set(key, storyId);
    const reporters = this.reporters.get(storyId) ?? { itemIds: new Set<string>(), sourceIds: new Set<string>() };
    reporters.itemIds.add(item.id);
    reporters.sourceIds.add(item.sourceId);
    this.reporters.set(storyId, reporters);
  }

  /** Indexes a new story of the batch under its band keys, after any stored holder. */
  index(storyId: string, bandKeys: string[], signature: Signature): void {
    const indexed = { storyId, signature };
    for (const key of bandKeys) {
      const holders = this.bandHolders(key);
      // A band key keeps its first holder within the batch too, as the store keeps it.
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
