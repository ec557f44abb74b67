import type { Region, Source } from '../domain/index.ts';

/** How served feeds are built. */
export interface OutputConfig {
  /** Absolute base URL for self links, without a trailing slash (BASE_URL overrides it). */
  baseUrl: string;
  /** Title prefix of every served feed, e.g. "wirefeed". */
  title: string;
  /** Stories per served feed. */
  itemsPerFeed: number;
  /** How long stories are kept, and how many of each source's (see RetentionConfig). */
  retention: RetentionConfig;
  /** WebSub publishing: the hub every feed names, told by the worker when a feed changes. */
  websub?: WebSubConfig;
  /** Where hubs can reach this service (WebSub subscriber callbacks); unset means no subscribing. */
  publicUrl?: string;
  /** A line the home page shows above everything (set by `start --demo`; not a key of the file). */
  notice?: string;
}

/**
 * `output.retention`: a story is kept `days` after it was first seen, and among the `maxStoriesPerFeed`
 * newest (by first seen) of the stories its source started; a source entry may set its own of either.
 */
export interface RetentionConfig {
  days: number;
  /** Unset: no cap on the count. */
  maxStoriesPerFeed?: number;
}

/** `output.websub`: the WebSub hub of the served feeds. */
export interface WebSubConfig {
  /** Absolute URL of the hub. */
  hub: string;
}

/** How sources are fetched. */
export interface FetchConfig {
  timeoutMs: number;
  maxBytes: number;
  /** Requests in flight at once, in all (per process). */
  concurrency: number;
  /** Requests in flight to one host at once, across all workers. */
  perHost: number;
  /** Least time between the start of two requests to one host, across all workers. */
  hostSpacingMs: number;
  /** Bounds on any source's interval; pollMinutes, publisher hints and the adaptive rate fall within. */
  minPollMinutes: number;
  maxPollMinutes: number;
  /** Allow sources (and redirects) resolving to loopback, private or link-local addresses. */
  allowPrivateNetworks: boolean;
  /** With private networks off, the CIDR ranges still allowed. */
  allowedNetworks: string[];
  /** Entries read from one document at most, newest first. */
  maxItemsPerFeed: number;
  /** Named in the User-Agent so publishers can reach the operator. */
  contactUrl: string;
}

/** How copies of one story are recognised. */
export interface DedupeConfig {
  windowHours: number;
}

/** config/feeds.yaml, validated and resolved: every region's countries are ISO codes. */
export interface Config {
  /** The file it was loaded from, for messages. */
  file: string;
  /** The files it includes, as read (relative to the working directory when `file` is): a reload watches them too. */
  includes?: string[];
  regions: Region[];
  sources: Source[];
  output: OutputConfig;
  fetch: FetchConfig;
  dedupe: DedupeConfig;
}

/** What a running process knows of its config file: when it was loaded, and why the file on disk does not load now. */
export interface ConfigStatus {
  file: string;
  loadedAt: string;
  /** The file:line error of the last edit that failed to load; the running config is the previous one. */
  error?: string;
}
