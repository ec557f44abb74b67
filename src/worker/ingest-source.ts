import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import type { Item, Source, SourceState, Story } from '../domain/index.ts';
import type { Classifier } from '../classify/index.ts';
import type { Store } from '../store/index.ts';
import { fetchSource } from '../fetch/index.ts';
import { parseFeed } from '../parse/index.ts';
import { completeItems, identifyEntries, sanitizeItem } from '../normalize/index.ts';
import { storedItemIds } from '../dedupe/index.ts';
import { fileFeed, type FiledItem, type FilingDeps } from './file-feed.ts';
import { createInTurn, type InTurn } from './in-turn.ts';
import type { Advertised } from './websub-decide.ts';

/** What the ingest cycle needs, passed in explicitly. */
export interface IngestDeps {
  config: Config;
  store: Store;
  classifier: Classifier;
  logger: Logger;
  userAgent: string;
  now: () => Date;
}

/** The outcome of polling one source. */
export interface SourceReport {
  sourceId: string;
  status: 'ok' | 'not-modified' | 'failed';
  items: number;
  newStories: number;
  copies: number;
  warnings: string[];
  error?: string;
  /** The WebSub hubs and topic the publisher's answer named; absent when it said nothing (failed, or a 304 without Link headers). */
  advertised?: Advertised;
}

/** A poll's result before filing: nothing new, or the feed's unseen items and what to remember. */
type Poll =
  | { kind: 'not-modified'; advertised?: Advertised }
  | { kind: 'feed'; items: Item[]; entries: number; warnings: string[]; etag?: string; lastModified?: string; advertised?: Advertised };

/**
 * Fetches, parses, dedupes, classifies and files one source; its new state is filed with its stories
 * in one store write, so the state never runs ahead of them. Sources polled at once share `inTurn`,
 * so one process files their feeds one after another and rarely races itself.
 */
export async function ingestSource(source: Source, deps: IngestDeps, inTurn: InTurn = createInTurn()): Promise<SourceReport> {
  const previous = (await deps.store.getSourceState(source.id)) ?? { sourceId: source.id, consecutiveFailures: 0, itemsSeen: 0 };
  const fetchedAt = deps.now().toISOString();
  let poll: Poll;
  try {
    poll = await pollSource(source, previous, deps);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const state = { ...previous, lastFetchedAt: fetchedAt, lastError: message, consecutiveFailures: previous.consecutiveFailures + 1 };
    await inTurn(() => fileFeed([], state, filingDeps(source, deps)));
    return { ...emptyReport(source), status: 'failed', error: message };
  }
  const success = { ...previous, lastFetchedAt: fetchedAt, lastSuccessAt: deps.now().toISOString(), lastError: undefined, consecutiveFailures: 0 };
  if (poll.kind === 'not-modified') {
    await inTurn(() => fileFeed([], success, filingDeps(source, deps)));
    return { ...emptyReport(source), status: 'not-modified', advertised: poll.advertised };
  }
  const { items, entries, warnings, etag, lastModified } = poll;
  const state = { ...success, etag, lastModified, warnings, itemsSeen: previous.itemsSeen + entries };
  const filed = await inTurn(() => fileFeed(items, state, filingDeps(source, deps)));
  return { ...emptyReport(source), items: entries, warnings, ...count(filed), advertised: poll.advertised };
}

// One conditional GET, then the entries the store does not hold yet, read in full.
async function pollSource(source: Source, previous: SourceState, deps: IngestDeps): Promise<Poll> {
  const fetched = await fetchSource(source, {
    ...deps.config.fetch,
    userAgent: deps.userAgent,
    etag: previous.etag,
    lastModified: previous.lastModified,
  });
  if (fetched.kind === 'not-modified') {
    return { kind: 'not-modified', advertised: fetched.hubs.length ? { hubs: fetched.hubs, topic: fetched.self ?? source.url } : undefined };
  }
  const read = await readDocument(source, { body: fetched.body, url: fetched.finalUrl, contentType: fetched.contentType }, deps);
  // WebSub §4: hubs from Link headers, else from the document; the topic is its rel="self", else the URL fetched.
  const hubs = [...new Set([...fetched.hubs, ...read.hubs])];
  const advertised = { hubs, topic: fetched.self ?? read.self ?? fetched.finalUrl };
  return { ...read, etag: fetched.etag, lastModified: fetched.lastModified, advertised };
}

/** A feed document as received, polled or pushed by a WebSub hub. */
export interface Document {
  body: Uint8Array;
  url: string;
  contentType?: string;
}

/** Parses a document and reads in full the entries the store does not hold yet. */
export async function readDocument(source: Source, document: Document, deps: IngestDeps): Promise<Poll & { kind: 'feed'; hubs: string[]; self?: string }> {
  const parsed = parseFeed(document.body, { url: document.url, contentType: document.contentType });
  const identified = identifyEntries(parsed, source, deps.now());
  // Entries the store holds are left as they are: only the others are read and filed.
  const stored = await storedItemIds(
    identified.entries.map((entry) => entry.id),
    deps.store,
  );
  const items = completeItems(identified, (id) => !stored.has(id));
  const entries = items.length + identified.entries.filter((entry) => stored.has(entry.id)).length;
  return { kind: 'feed', items, entries, warnings: parsed.warnings, hubs: parsed.hubs ?? [], self: parsed.self };
}

/** How a source's items become stories and are filed. */
export function filingDeps(source: Source, deps: IngestDeps): FilingDeps {
  const now = deps.now();
  return { store: deps.store, windowHours: deps.config.dedupe.windowHours, now, toStory: (item: Item) => newStory(item, source, deps, now) };
}

function emptyReport(source: Source): SourceReport {
  return { sourceId: source.id, status: 'ok', items: 0, newStories: 0, copies: 0, warnings: [] };
}

/** How many filed items started a story, and how many were copies. */
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
