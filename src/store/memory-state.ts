import { StoreError, type Copy, type SourceState, type Story } from '../domain/index.ts';
import type { ListOptions, SaveOutcome, StoryPage } from './store.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { SortedIndex } from './sorted-index.ts';
import { checkLimit, storyScores } from './story-order.ts';
import { FingerprintIndex, type FingerprintRecord } from './fingerprint-index.ts';

/** What EmbeddedStore writes to its file: enough to rebuild every index. */
export interface Snapshot {
  version: 1;
  stories: Story[];
  /** Identity key → story id, as pairs because a key may be any string (even "__proto__"). */
  identities: [string, string][];
  sourceStates: SourceState[];
  /** The near-duplicate index; absent in files written before it existed. */
  fingerprints?: FingerprintRecord[];
}

/** Stories, their indexes and source states in process memory, with the Store's exact semantics. */
export class MemoryState {
  private readonly stories = new Map<string, Story>();
  private readonly identities = new Map<string, string>();
  private readonly claimed = new Map<string, Set<string>>();
  private readonly regions = new Map<string, SortedIndex>();
  private readonly countries = new Map<string, SortedIndex>();
  private readonly firstSeen = new SortedIndex();
  private readonly sourceStates = new Map<string, SourceState>();
  /** The near-duplicate index, public so the store can call it without a forwarding method each. */
  readonly fingerprints = new FingerprintIndex();

  /** Rebuilds the state from a snapshot; the indexes are derived, never stored. */
  static fromSnapshot(snapshot: Snapshot): MemoryState {
    const state = new MemoryState();
    for (const story of snapshot.stories) state.saveStory(story, []);
    for (const [key, id] of snapshot.identities) {
      if (state.stories.has(id)) state.claim(id, [key]);
    }
    for (const source of snapshot.sourceStates) state.saveSourceState(source);
    state.fingerprints.load(snapshot.fingerprints ?? []);
    return state;
  }

  /** A copy of the whole state, for writing to disk. */
  toSnapshot(): Snapshot {
    return {
      version: 1,
      stories: [...this.stories.values()],
      identities: [...this.identities],
      sourceStates: [...this.sourceStates.values()],
      fingerprints: this.fingerprints.toRecords(),
    };
  }

  saveStory(story: Story, identityKeys: string[]): SaveOutcome {
    if (this.stories.has(story.id)) throw new StoreError(`store: story ${story.id} already exists`);
    const existingStoryId = this.findByIdentity(identityKeys);
    if (existingStoryId !== undefined) return { saved: false, existingStoryId };
    const scores = storyScores(story);
    this.stories.set(story.id, structuredClone(story));
    this.claim(story.id, identityKeys);
    this.firstSeen.insert({ score: scores.firstSeen, id: story.id });
    const entry = { score: scores.published, id: story.id };
    for (const region of new Set(story.regions)) indexOf(this.regions, region).insert(entry);
    for (const country of new Set(story.countries)) indexOf(this.countries, country).insert(entry);
    return { saved: true };
  }

  addCopy(storyId: string, copy: Copy, identityKeys: string[]): void {
    const story = this.stories.get(storyId);
    if (!story) throw new StoreError(`store: cannot add a copy to story ${storyId}, it does not exist`);
    story.copies.push(structuredClone(copy));
    this.claim(storyId, identityKeys);
  }

  findByIdentity(identityKeys: string[]): string | undefined {
    for (const key of identityKeys) {
      const id = this.identities.get(key);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /** Whether a story is stored, without copying it. */
  hasStory(id: string): boolean {
    return this.stories.has(id);
  }

  getStory(id: string): Story | undefined {
    const story = this.stories.get(id);
    return story && structuredClone(story);
  }

  listRegion(regionId: string, options: ListOptions): StoryPage {
    return this.page(this.regions.get(regionId), options);
  }

  listCountry(country: string, options: ListOptions): StoryPage {
    return this.page(this.countries.get(country), options);
  }

  getSourceState(sourceId: string): SourceState | undefined {
    const state = this.sourceStates.get(sourceId);
    return state && structuredClone(state);
  }

  saveSourceState(state: SourceState): void {
    // Through JSON, as RedisStore does, so both drop `undefined` fields alike.
    this.sourceStates.set(state.sourceId, JSON.parse(JSON.stringify(state)) as SourceState);
  }

  prune(cutoff: Date): number {
    const old = this.firstSeen.takeBelow(cutoff.getTime());
    for (const { id } of old) this.remove(id);
    return old.length;
  }

  count(): number {
    return this.stories.size;
  }

  // The first story to claim an identity key keeps it; later claims are remembered for prune only.
  private claim(storyId: string, identityKeys: string[]): void {
    const claimed = this.claimed.get(storyId) ?? new Set<string>();
    this.claimed.set(storyId, claimed);
    for (const key of identityKeys) {
      if (!this.identities.has(key)) this.identities.set(key, storyId);
      claimed.add(key);
    }
  }

  private remove(id: string): void {
    const story = this.stories.get(id);
    if (!story) return;
    const entry = { score: storyScores(story).published, id };
    for (const region of story.regions) this.regions.get(region)?.remove(entry);
    for (const country of story.countries) this.countries.get(country)?.remove(entry);
    for (const key of this.claimed.get(id) ?? []) {
      if (this.identities.get(key) === id) this.identities.delete(key);
    }
    this.claimed.delete(id);
    this.stories.delete(id);
  }

  private page(index: SortedIndex | undefined, { limit, cursor }: ListOptions): StoryPage {
    checkLimit(limit);
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const entries = index?.after(after, limit + 1) ?? [];
    const shown = entries.slice(0, limit);
    const stories = shown.map(({ id }) => this.getStory(id) as Story);
    const last = shown.at(-1);
    return entries.length > limit && last ? { stories, next: encodeCursor(last) } : { stories };
  }
}

function indexOf(indexes: Map<string, SortedIndex>, name: string): SortedIndex {
  let index = indexes.get(name);
  if (!index) indexes.set(name, (index = new SortedIndex()));
  return index;
}
