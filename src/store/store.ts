import type { Copy, SourceState, Story } from '../domain/index.ts';

/** A page of stories, newest published first. */
export interface StoryPage {
  stories: Story[];
  /** Opaque cursor for the next (older) page; absent on the last page. */
  next?: string;
}

/** saveStory's outcome: saved, or another story already holds one of the identity keys. */
export type SaveOutcome = { saved: true } | { saved: false; existingStoryId: string };

/** Which page to read. */
export interface ListOptions {
  limit: number;
  /** A `next` cursor from an earlier page. */
  cursor?: string;
}

/** A story's entry in the near-duplicate index: its band keys and a compact signature. */
export interface FingerprintEntry {
  storyId: string;
  bandKeys: string[];
  /** Opaque bytes the dedupe stage verifies candidates with, so no story has to be read. */
  signature: Uint8Array;
}

/** A story indexed under some of the band keys looked up. */
export interface FingerprintCandidate {
  storyId: string;
  signature: Uint8Array;
  /** Which of the band keys looked up it holds, in the order they were asked. */
  bandKeys: string[];
}

/** The index's time frame: entries written at `now` expire `hours` later. */
export interface FingerprintWindow {
  now: Date;
  hours: number;
}

/**
 * Where stories and source state live. Speaks the domain, never raw storage commands.
 * Implementations: RedisStore (production) and EmbeddedStore (no Redis configured).
 * Every failure throws a StoreError; nothing is silently skipped.
 */
export interface Store {
  /**
   * Saves a new story and indexes it under its identity keys (canonical URL, guid …),
   * its regions, its countries and its published time — unless another story already holds one
   * of the identity keys, checked atomically with the write so that two workers polling two
   * sources of the same story at once still store it once.
   */
  saveStory(story: Story, identityKeys: string[]): Promise<SaveOutcome>;
  /** Adds a later copy of an existing story ("also reported by"), indexing its identity keys too. */
  addCopy(storyId: string, copy: Copy, identityKeys: string[]): Promise<void>;
  /** The id of the story already holding any of these identity keys, if one does. */
  findByIdentity(identityKeys: string[]): Promise<string | undefined>;
  /** `findByIdentity` for each list at once (one round trip): a feed's items are looked up together. */
  findByIdentities(identityKeyLists: string[][]): Promise<(string | undefined)[]>;
  getStory(id: string): Promise<Story | undefined>;
  /** Stories of a region, newest published first. */
  listRegion(regionId: string, options: ListOptions): Promise<StoryPage>;
  /** Stories about a country (ISO 3166-1 alpha-2, upper case), newest published first. */
  listCountry(country: string, options: ListOptions): Promise<StoryPage>;
  getSourceState(sourceId: string): Promise<SourceState | undefined>;
  saveSourceState(state: SourceState): Promise<void>;
  /**
   * Indexes stories' fingerprints until `window.now` + `window.hours`, in order; a band key already
   * held keeps its story.
   */
  indexFingerprints(entries: FingerprintEntry[], window: FingerprintWindow): Promise<void>;
  /**
   * Stories still stored, indexed under any of the band keys and not expired at `window.now`, each
   * once with the band keys it holds: a whole feed's band keys are looked up in one call.
   */
  findCandidates(bandKeys: string[], window: FingerprintWindow): Promise<FingerprintCandidate[]>;
  /** Removes stories first seen before `cutoff` with every index entry; returns how many. */
  prune(cutoff: Date): Promise<number>;
  /** Counts for /healthz and logs. */
  stats(): Promise<{ stories: number }>;
  close(): Promise<void>;
}
