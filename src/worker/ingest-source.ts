import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import type { Item, Source, SourceState, Story } from '../domain/index.ts';
import type { Classifier } from '../classify/index.ts';
import type { Store } from '../store/index.ts';
import { fetchSource } from '../fetch/index.ts';
import { parseFeed } from '../parse/index.ts';
import { completeItems, identifyEntries, sanitizeItem } from '../normalize/index.ts';
import { fileItems, storedItemIds } from '../dedupe/index.ts';
import { createInTurn, type InTurn } from './in-turn.ts';

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
}

/**
 * Fetches, parses, dedupes, classifies and stores one source; records its state either way.
 * Sources polled at once share `inTurn`, so their feeds are filed one after another: a near copy
 * then always finds the story another source's feed just stored.
 */
export async function ingestSource(source: Source, deps: IngestDeps, inTurn: InTurn = createInTurn()): Promise<SourceReport> {
  const previous = await deps.store.getSourceState(source.id);
  const fetchedAt = deps.now().toISOString();
  const report: SourceReport = { sourceId: source.id, status: 'ok', items: 0, newStories: 0, copies: 0, warnings: [] };
  let outcome: Partial<SourceState>;
  try {
    outcome = await pollSource(source, previous, deps, report, inTurn);
  } catch (error) {
    report.status = 'failed';
    report.error = error instanceof Error ? error.message : String(error);
    outcome = { lastError: report.error, consecutiveFailures: (previous?.consecutiveFailures ?? 0) + 1 };
  }
  const base = previous ?? { sourceId: source.id, consecutiveFailures: 0, itemsSeen: 0 };
  await deps.store.saveSourceState({ ...base, lastFetchedAt: fetchedAt, ...outcome });
  return report;
}

// One conditional GET, then every item through the stages; returns the state to remember.
async function pollSource(
  source: Source,
  previous: SourceState | undefined,
  deps: IngestDeps,
  report: SourceReport,
  inTurn: InTurn,
): Promise<Partial<SourceState>> {
  const fetched = await fetchSource(source, {
    ...deps.config.fetch,
    userAgent: deps.userAgent,
    etag: previous?.etag,
    lastModified: previous?.lastModified,
  });
  const success = { lastSuccessAt: deps.now().toISOString(), lastError: undefined, consecutiveFailures: 0 };
  if (fetched.kind === 'not-modified') {
    report.status = 'not-modified';
    return success;
  }
  const parsed = parseFeed(fetched.body, { url: fetched.finalUrl, contentType: fetched.contentType });
  const identified = identifyEntries(parsed, source, deps.now());
  // Entries the store holds are left as they are: only the others are read and filed.
  const stored = await storedItemIds(identified.entries.map((entry) => entry.id), deps.store);
  const items = completeItems(identified, (id) => !stored.has(id));
  report.items = items.length + identified.entries.filter((entry) => stored.has(entry.id)).length;
  report.warnings = parsed.warnings;
  await inTurn(() => storeItems(items, source, deps, report));
  const itemsSeen = (previous?.itemsSeen ?? 0) + report.items;
  return { ...success, etag: fetched.etag, lastModified: fetched.lastModified, warnings: parsed.warnings, itemsSeen };
}

// A feed's items go through dedupe as one batch, in feed order: an item may copy an earlier one.
async function storeItems(items: Item[], source: Source, deps: IngestDeps, report: SourceReport): Promise<void> {
  const options = { windowHours: deps.config.dedupe.windowHours, now: deps.now() };
  const filed = await fileItems(items, deps.store, options, (item) => newStory(item, source, deps));
  for (const { kind } of filed) {
    if (kind === 'new') report.newStories += 1;
    if (kind === 'copy') report.copies += 1;
  }
}

function newStory(item: Item, source: Source, deps: IngestDeps): Story {
  const classification = deps.classifier.classify({
    title: item.title,
    text: item.text,
    geo: item.geo,
    language: item.language,
    defaultCountries: source.defaultCountries,
    defaultRegions: source.defaultRegions,
  });
  // Sanitized here, once per story: copies and entries seen before are never served.
  return { id: item.id, item: sanitizeItem(item), copies: [], firstSeen: deps.now().toISOString(), ...classification };
}
