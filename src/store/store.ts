import type { Copy, SourceState, Story } from '../domain/index.ts';

/** A page of stories, newest published first (ties by id, descending). */
export interface StoryPage {
  stories: Story[];
  /** Opaque cursor for the next (older) page; absent on the last page. */
  next?: string;
}

/**
 * Which stories to list; every filter given must hold (AND). A cursor names the last story of the
 * previous page, so a client walking pages while new stories arrive sees no gap and no repeat.
 */
export interface StoryQuery {
  /** A region id: stories whose regions include it. */
  region?: string;
  /** ISO 3166-1 alpha-2, upper case: stories whose countries include it. */
  country?: string;
  /** A source id: stories that source reported, as the first item or as a copy. */
  source?: string;
  /** The first item's language tag, compared case-insensitively ("en" matches "en" only, not "en-GB"). */
  language?: string;
  /** Only stories published at or after this time. */
  since?: Date;
  /**
   * Words that must all appear in the story's title or summary, case- and accent-insensitive, whole
   * words ("kuril" matches "Kuril Islands" and "KURIL", not "kurilian"). Empty or blank: no filter.
   */
  q?: string;
  /** Stories per page, a positive integer (else a QueryError). */
  limit: number;
  /** A `next` from an earlier page of the same query; a malformed one is a QueryError. */
  cursor?: string;
}

/** A feed whose change version is asked for: a region's, a country's, or everything's. */
export type FeedRef = { kind: 'region'; id: string } | { kind: 'country'; code: string } | { kind: 'all' };

/**
 * When a feed last changed: `version` strictly increases with every filing that changes what the feed
 * shows (a new story in it, or a copy attached to one of its stories). It is the change time in ms
 * since the epoch, raised to the previous version + 1 when the clock did not move, so it serves as
 * Last-Modified too. 0 for a feed that never changed.
 */
export interface FeedVersion {
  version: number;
}

/** A story's entry in the near-duplicate index: its band keys and a compact signature. */
export interface Fingerprint {
  bandKeys: string[];
  /** Opaque bytes the dedupe stage verifies candidates with, so no story has to be read. */
  signature: Uint8Array;
}

/** A live story indexed under some of the band keys looked up. */
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

/** Who reported a story: the ids of its items (first and copies) and their sources. */
export interface Reporters {
  itemIds: string[];
  sourceIds: string[];
}

/**
 * What dedupe reads, and nothing else: a narrow, read-only port. Dedupe decides over these answers;
 * the worker then files the decisions with `Store.fileSource`, which checks they still hold.
 */
export interface DedupeLookup {
  /** The story holding each identity key that is held; keys nobody holds are absent. */
  findHolders(identityKeys: string[]): Promise<Map<string, string>>;
  /**
   * Live stories (still stored, entry not expired at `window.now`) indexed under any of the band
   * keys, each once with the band keys it holds: a whole feed's band keys are looked up in one call.
   */
  findCandidates(bandKeys: string[], window: FingerprintWindow): Promise<FingerprintCandidate[]>;
  /** Who reported each stored story asked for; stories not stored are absent. */
  findReporters(storyIds: string[]): Promise<Map<string, Reporters>>;
}

/**
 * One item filed. Its `itemKey` (`item:<id>`) and `identityKeys` (canonical URL, guid) are claimed:
 * the first story to claim a key keeps it, and the story is known by every key it claimed.
 */
export type FilingEntry =
  | {
      kind: 'new';
      story: Story;
      itemKey: string;
      identityKeys: string[];
      fingerprint: Fingerprint;
      /**
       * For each band key (same order), the live story dedupe found holding it, or null: if another
       * live story holds it at filing time, a near copy was filed meanwhile and this decision is stale.
       */
      bandHolders: (string | null)[];
    }
  | { kind: 'copy'; storyId: string; copy: Copy; itemKey: string; identityKeys: string[] };

/**
 * A source's poll, filed at once: its new state and its items, in feed order. All of it commits in
 * one atomic write, or none of it does, so a source's state is never ahead of its stories.
 */
export interface SourceFiling {
  state: SourceState;
  entries: FilingEntry[];
  /** When the new stories' fingerprints expire from the near-duplicate index. */
  window: FingerprintWindow;
  /**
   * Keep the stored `websub` over the state's own, read in the same atomic write: a poll read its
   * state before a hub's verification may have filed the subscription, and must not undo it.
   */
  keepSubscription?: boolean;
}

/**
 * The outcome of `fileSource`. A conflict means what dedupe read has changed since (another process
 * filed the same item or a near copy): nothing was written, and the caller decides again.
 *
 * Conflicts, checked against the stored state plus the entries before it in the same filing:
 * - an entry's `itemKey` is already held (the item is already filed);
 * - a new story's id is already stored, or one of its `identityKeys` is held by another story;
 * - a new story's band key is held by a live story other than its `bandHolders` entry and not filed
 *   by this same filing;
 * - a copy's story is not stored (pruned meanwhile).
 */
export type FilingOutcome = { filed: true } | { filed: false; conflict: string };

/** What `sourceStatesSince` read: states filed since the cursor asked with, and the cursor to ask with next. */
export interface StateChanges {
  states: SourceState[];
  cursor: string;
}

/** What a source keeps of the stories it started (Store.pruneSources). */
export interface SourceRetention {
  sourceId: string;
  /** Stories first seen before this go. */
  since: Date;
  /** Unset: no cap on the count. */
  keep?: number;
}

/**
 * Where stories and source state live. Speaks the domain, never raw storage commands.
 * Implementations: RedisStore (production, also on Redis Cluster) and SqliteStore (no Redis
 * configured); both pass test/store's contract suite. Every failure throws a StoreError; nothing is
 * silently skipped.
 */
export interface Store extends DedupeLookup {
  /** Files a source's poll atomically (see SourceFiling and FilingOutcome). */
  fileSource(filing: SourceFiling): Promise<FilingOutcome>;
  /**
   * Files the new states of polls that brought no items (not modified, the same body, a failure), all
   * in one write, in order; each keeps the stored `websub` as `keepSubscription` does. With no entries
   * nothing can conflict, and one write for many polls is most of what a 304 poll costs.
   */
  fileStates(states: SourceState[]): Promise<void>;
  getStory(id: string): Promise<Story | undefined>;
  /** A page of stories matching the query, newest published first. */
  listStories(query: StoryQuery): Promise<StoryPage>;
  /** The change version of each feed asked for, in order: one cheap read. */
  feedVersions(feeds: FeedRef[]): Promise<FeedVersion[]>;
  getSourceState(sourceId: string): Promise<SourceState | undefined>;
  /** Every stored source state, by source id. */
  listSourceStates(): Promise<SourceState[]>;
  /**
   * The source states filed since `cursor` (every state without one), each as it is now, and the
   * cursor to read on from: a scheduler's tick reads what changed, not every state each second.
   */
  sourceStatesSince(cursor?: string): Promise<StateChanges>;
  /**
   * Removes stories first seen before `cutoff` with every index entry and the identity keys they
   * still hold; bumps the versions of the feeds they were in to at least `now` (the caller's clock;
   * the time of the call when left out). Returns how many were removed.
   */
  prune(cutoff: Date, now?: Date): Promise<number>;
  /**
   * Removes, of the stories each source started (its item is the story's first), those first seen
   * before `since` and those beyond the `keep` newest by first seen, as prune removes a story; a
   * copy never counts for its own source. Bumps feeds at `now` as prune does; returns how many.
   */
  pruneSources(limits: SourceRetention[], now?: Date): Promise<number>;
  /** Removes the states of sources no longer configured; returns how many. */
  forgetSources(keep: string[]): Promise<number>;
  /** Notes that a worker completed a poll at `at` (the latest time noted stays), for the readiness of every process. */
  markPolled(at: Date): Promise<void>;
  /** When a worker last completed a poll, as `markPolled` noted it (undefined if never): one cheap read. */
  lastPolled(): Promise<Date | undefined>;
  /** Counts for /healthz and logs; `bytes` is the store's size where it can tell (file size, used memory). */
  stats(): Promise<{ stories: number; bytes?: number }>;
  close(): Promise<void>;
}
