import type { Source } from '../domain/index.ts';
import { fileFeed } from './file-feed.ts';
import { count, filingDeps, readDocument, type Document, type IngestDeps, type SourceReport } from './ingest-source.ts';

/**
 * Files a document a WebSub hub pushed for a source, as a poll files what it fetched: parse, the
 * entries not stored yet read in full, dedupe, classify, one store write. The validators and the poll
 * times are left as they are (the next poll asks the publisher as before). A parse error throws.
 */
export async function ingestPush(source: Source, document: Document, deps: IngestDeps): Promise<SourceReport> {
  const previous = (await deps.store.getSourceState(source.id)) ?? { sourceId: source.id, consecutiveFailures: 0, itemsSeen: 0 };
  const { items, entries, warnings } = await readDocument(source, document, deps);
  const state = { ...previous, itemsSeen: previous.itemsSeen + entries };
  const filed = await fileFeed(items, state, filingDeps(source, deps));
  return { sourceId: source.id, status: 'ok', items: entries, warnings, ...count(filed) };
}
