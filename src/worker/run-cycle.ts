import type { Source } from '../domain/index.ts';
import { ingestSource, type IngestDeps, type PollContext, type SourceReport } from './ingest-source.ts';
import { createInTurn } from './in-turn.ts';
import { dueSources, statesById } from './due.ts';
import { mapWithLimit } from './pool.ts';
import { pruneExpired } from './retention.ts';
import type { Advertised } from './websub-decide.ts';
import { maintainSubscription, maintainSubscriptions } from './websub-subscribe.ts';

// Housekeeping lives in retention.ts; the dispatchers import it from here.
export { pruneExpired };

/** Which sources a cycle polls: all of them, only those due now, or those named. */
export type CycleScope = 'all' | 'due' | { sources: string[] };

/**
 * One pass over the sources (what `fetch-once` runs), `fetch.concurrency` at a time in config order;
 * the per-host limits are the scheduler's (local-dispatch, queue-dispatch), not this pass's. A failing
 * source is reported and never stops the others.
 */
export async function runCycle(deps: IngestDeps, scope: CycleScope = 'all'): Promise<SourceReport[]> {
  const { sources } = deps.config;
  const states = statesById(await deps.store.listSourceStates());
  const chosen =
    scope === 'all'
      ? sources
      : scope === 'due'
        ? dueSources(sources, states, deps.now().getTime()).map((due) => due.source)
        : sources.filter((source) => scope.sources.includes(source.id));
  const inTurn = createInTurn();
  // Through the host gate, three fetch-once processes on one SQLite file lost keep-alive sockets to
  // the farm (UND_ERR_SOCKET) in test/reliability/concurrent-filing; this plain pool does not.
  const reports = await mapWithLimit(chosen, deps.config.fetch.concurrency, (source) =>
    pollLogged(source, deps, { inTurn, known: { state: states.get(source.id) }, upkeep: false }),
  );
  await maintainSubscriptions(advertisedBy(reports), deps);
  await pruneExpired(deps);
  return reports;
}

/**
 * Polls one source and logs the outcome; even a store failure becomes a failed report. The scheduler's
 * polls (`upkeep`) then see to the source's WebSub subscription; a whole pass does that once at its end.
 */
export async function pollLogged(source: Source, deps: IngestDeps, context: PollContext & { upkeep?: boolean } = {}): Promise<SourceReport> {
  const log = deps.logger.child({ source: source.id });
  deps.monitor?.pollStarted(source.id);
  const started = performance.now();
  let report: SourceReport;
  try {
    report = await ingestSource(source, deps, context);
  } catch (error) {
    // Only the store failing can get here (ingestSource catches the stages' errors itself).
    const message = error instanceof Error ? error.message : String(error);
    report = { sourceId: source.id, status: 'failed', items: 0, newStories: 0, copies: 0, warnings: [], error: message };
  }
  const durationMs = Math.round(performance.now() - started);
  const { status, items, newStories, copies, warnings, error, bytes } = report;
  if (status === 'failed') log.warn({ status, durationMs, reason: error }, 'source failed');
  else log.info({ status, durationMs, bytes, items, newStories, copies, warnings: warnings.length || undefined }, 'source polled');
  deps.monitor?.recordPoll(report, durationMs);
  if (context.upkeep !== false) await maintainSubscription(source, report.advertised, deps);
  return report;
}

function advertisedBy(reports: SourceReport[]): Map<string, Advertised> {
  return new Map(reports.flatMap((report) => (report.advertised ? [[report.sourceId, report.advertised] as const] : [])));
}
