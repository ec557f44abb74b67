import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import { FetchError, isRetired, pollUrl, stateForUrl, type Item, type Source, type SourceState, type Story } from '../domain/index.ts';
import type { Classifier } from '../classify/index.ts';
import type { Store } from '../store/index.ts';
import { bodyDigest, fetchSource, type FetchAgent, type FetchResult } from '../fetch/index.ts';
import { parseFeed } from '../parse/index.ts';
import { completeItems, identifyEntries, sanitizeItem } from '../normalize/index.ts';
import { storedItemIds } from '../dedupe/index.ts';
import { fileFeed, type FiledItem, type FilingDeps } from './file-feed.ts';
import { createInTurn, type InTurn } from './in-turn.ts';
import { nextPoll, REDIRECT_POLLS, type DocumentHints, type PollOutcome, type ResponseHints } from './next-poll.ts';
import type { FileState } from './state-batch.ts';
import type { Advertised } from './websub-decide.ts';
import type { PollMonitor } from './poll-monitor.ts';

/** What the ingest cycle needs, passed in explicitly. */
export interface IngestDeps {
  config: Config;
  store: Store;
  classifier: Classifier;
  logger: Logger;
  /** The process's fetch connection pool (createFetchAgent). */
  agent: FetchAgent;
  userAgent: string;
  now: () => Date;
  /** [0, 1); spreads the next polls of sources polled together (default Math.random). */
  random?: () => number;
  /** Told of every scheduled poll (metrics, heartbeat, summary log); none for `fetch-once`. */
  monitor?: PollMonitor;
  /** How a poll that brought no items files its state (createStateBatch; default one write each). */
  fileState?: FileState;
}

/** How one poll runs: the process's filing turn, and the source's stored state if the caller has just read it. */
export interface PollContext {
  inTurn?: InTurn;
  /** What the caller read for this source (`state` undefined: none is stored); read again when absent. */
  known?: { state?: SourceState };
}

/** The outcome of polling one source. */
export interface SourceReport {
  sourceId: string;
  /** `unchanged`: a 200 whose body was the last one again, not parsed; `retired`: gone (410), not polled. */
  status: 'ok' | 'not-modified' | 'unchanged' | 'failed' | 'retired';
  items: number;
  newStories: number;
  copies: number;
  warnings: string[];
  error?: string;
  /** Body bytes received (decompressed); 0 for a 304 or a failure. */
  bytes?: number;
  /** The WebSub hubs and topic the feed named, for the subscription upkeep after the polls. */
  advertised?: Advertised;
}

/** A poll's result before filing: nothing new, or the feed's unseen items and what to remember. */
type Poll =
  | { kind: 'not-modified' | 'unchanged'; hints: ResponseHints; validators: Validators; advertised?: Advertised }
  | (ReadFeed & { hints: ResponseHints; validators: Validators; bodyHash: string; advertised: Advertised });

type Validators = Pick<SourceState, 'etag' | 'lastModified'>;

/** A document read: its unseen items, how many entries it had, its warnings and what it said about the schedule. */
export interface ReadFeed {
  kind: 'feed';
  items: Item[];
  entries: number;
  warnings: string[];
  schedule: DocumentHints;
  /** WebSub: the document's atom:link rel="hub" hrefs and rel="self" URL. */
  hubs: string[];
  self?: string;
}

/**
 * Fetches, parses, dedupes, classifies and files one source; its new state, next poll included, is
 * filed with its stories in one store write, so the state never runs ahead of them. Sources polled at
 * once share `inTurn`, so one process files their feeds one after another and rarely races itself.
 */
export async function ingestSource(source: Source, deps: IngestDeps, context: PollContext = {}): Promise<SourceReport> {
  const { inTurn = createInTurn() } = context;
  const read = context.known ? context.known.state : await deps.store.getSourceState(source.id);
  const previous = stateForUrl(source, read ?? { sourceId: source.id, consecutiveFailures: 0, itemsSeen: 0 });
  if (isRetired(source, previous)) return { ...emptyReport(source), status: 'retired', error: previous.lastError };
  const now = deps.now();
  const decide = (outcome: PollOutcome) => nextPoll(source, previous, outcome, deps.config.fetch, now, deps.random ?? Math.random);
  const file = (items: Item[], state: SourceState) => inTurn(() => fileFeed(items, state, filingDeps(source, deps)));
  let poll: Poll;
  try {
    poll = await pollSource(source, previous, deps);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const schedule = decide(failure(error));
    await fileStateOf(deps)({ ...previous, ...schedule, lastFetchedAt: now.toISOString(), lastError: message });
    if (schedule.retired) deps.logger.warn({ source: source.id, url: schedule.retired.url }, 'source gone (410): retired until its config entry changes');
    return { ...emptyReport(source), status: schedule.retired ? 'retired' : 'failed', error: message };
  }
  const document = poll.kind === 'feed' ? poll.schedule : undefined;
  const schedule = decide({ kind: 'fetched', hints: poll.hints, ...(document ? { document } : {}) });
  if (schedule.movedTo && schedule.movedTo !== previous.movedTo) {
    deps.logger.warn(
      { source: source.id, movedTo: schedule.movedTo },
      `permanent redirect on ${REDIRECT_POLLS} polls in a row: polling the new URL; update the config`,
    );
  }
  const success = { ...previous, ...schedule, ...poll.validators, lastFetchedAt: now.toISOString(), lastSuccessAt: now.toISOString(), lastError: undefined };
  if (poll.kind !== 'feed') {
    await fileStateOf(deps)(success);
    return { ...emptyReport(source), status: poll.kind, bytes: bodyBytes(poll.hints), advertised: poll.advertised };
  }
  const { items, entries, warnings, bodyHash } = poll;
  const filed = await file(items, { ...success, bodyHash, warnings, itemsSeen: previous.itemsSeen + entries });
  return { ...emptyReport(source), items: entries, warnings, ...count(filed), bytes: bodyBytes(poll.hints), advertised: poll.advertised };
}

// A poll's hints are its fetch's result, which carries the body unless it was a 304.
function bodyBytes(hints: ResponseHints | FetchResult): number {
  return 'body' in hints ? hints.body.byteLength : 0;
}

// One conditional GET of where the source now lives; a body like the last one is not parsed again.
async function pollSource(source: Source, previous: SourceState, deps: IngestDeps): Promise<Poll> {
  const fetched = await fetchSource(
    { ...source, url: pollUrl(source, previous) },
    { ...deps.config.fetch, agent: deps.agent, userAgent: deps.userAgent, etag: previous.etag, lastModified: previous.lastModified },
  );
  const linked = fetched.hubs.length ? { hubs: fetched.hubs, topic: fetched.self ?? source.url } : undefined;
  if (fetched.kind === 'not-modified')
    return { kind: 'not-modified', hints: fetched, validators: { etag: previous.etag, lastModified: previous.lastModified }, advertised: linked };
  const validators = { etag: fetched.etag, lastModified: fetched.lastModified };
  const bodyHash = bodyDigest(fetched.body);
  if (bodyHash === previous.bodyHash) return { kind: 'unchanged', hints: fetched, validators, advertised: linked };
  const read = await readDocument(source, { body: fetched.body, url: fetched.finalUrl, contentType: fetched.contentType }, deps);
  // WebSub §4: hubs from Link headers, else from the document; the topic is its rel="self", else the URL fetched.
  const hubs = [...new Set([...fetched.hubs, ...read.hubs])];
  const advertised = { hubs, topic: fetched.self ?? read.self ?? fetched.finalUrl };
  return { ...read, hints: fetched, validators, bodyHash, advertised };
}

/** A feed document as received, polled or pushed by a WebSub hub. */
export interface Document {
  body: Uint8Array;
  url: string;
  contentType?: string;
}

/** Parses a document and reads in full the entries the store does not hold yet. */
export async function readDocument(source: Source, document: Document, deps: IngestDeps): Promise<ReadFeed> {
  const parsed = parseFeed(document.body, { url: document.url, contentType: document.contentType });
  const identified = identifyEntries(parsed, source, deps.now(), deps.config.fetch.maxItemsPerFeed);
  // Entries the store holds are left as they are: only the others are read and filed.
  const stored = await storedItemIds(
    identified.entries.map((entry) => entry.id),
    deps.store,
  );
  const items = completeItems(identified, (id) => !stored.has(id));
  const entries = items.length + identified.entries.filter((entry) => stored.has(entry.id)).length;
  const published = items.filter((item) => !item.dateFallback).map((item) => item.published);
  const schedule = { ttlMinutes: parsed.ttlMinutes, skipHours: parsed.skipHours, skipDays: parsed.skipDays, published };
  return { kind: 'feed', items, entries, warnings: [...parsed.warnings, ...identified.warnings], schedule, hubs: parsed.hubs ?? [], self: parsed.self };
}

function fileStateOf(deps: IngestDeps): FileState {
  return deps.fileState ?? ((state) => deps.store.fileStates([state]));
}

function failure(error: unknown): PollOutcome {
  if (!(error instanceof FetchError)) return { kind: 'failed' };
  return { kind: 'failed', status: error.status, retryAfterSeconds: error.retryAfterSeconds };
}

export function filingDeps(source: Source, deps: IngestDeps): FilingDeps {
  const now = deps.now();
  return { store: deps.store, windowHours: deps.config.dedupe.windowHours, now, toStory: (item: Item) => newStory(item, source, deps, now) };
}

function emptyReport(source: Source): SourceReport {
  return { sourceId: source.id, status: 'ok', items: 0, newStories: 0, copies: 0, warnings: [] };
}

export function count(filed: FiledItem[]): { newStories: number; copies: number } {
  return { newStories: filed.filter((f) => f.kind === 'new').length, copies: filed.filter((f) => f.kind === 'copy').length };
}

function newStory(item: Item, source: Source, deps: IngestDeps, now: Date): Story {
  const classification = deps.classifier.classify({
    title: item.title,
    text: item.text,
    geo: item.geo,
    language: item.language,
    defaultCountries: source.defaultCountries,
    defaultRegions: source.defaultRegions,
  });
  // Sanitized here, once per story: copies and entries seen before are never served.
  return { id: item.id, item: sanitizeItem(item), copies: [], firstSeen: now.toISOString(), ...classification };
}
