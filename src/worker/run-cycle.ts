import type { Source, SourceState } from '../domain/index.ts';
import { ingestSource, type IngestDeps, type SourceReport } from './ingest-source.ts';
import { createInTurn, type InTurn } from './in-turn.ts';
import { mapWithLimit } from './pool.ts';
import type { Advertised } from './websub-decide.ts';
import { maintainSubscriptions } from './websub-subscribe.ts';

/** Which sources a cycle polls: all of them, or only those whose poll interval has passed. */
export type CycleScope = 'all' | 'due';

/** Polls sources concurrently; a failing source is reported and never stops the others. */
export async function runCycle(deps: IngestDeps, scope: CycleScope = 'all'): Promise<SourceReport[]> {
  const sources = scope === 'all' ? deps.config.sources : await dueSources(deps);
  const inTurn = createInTurn();
  const reports = await mapWithLimit(sources, deps.config.fetch.concurrency, (source) => ingestLogged(source, deps, inTurn));
  await maintainSubscriptions(advertisedBy(reports), deps);
  await pruneExpired(deps);
  return reports;
}

async function ingestLogged(source: Source, deps: IngestDeps, inTurn: InTurn): Promise<SourceReport> {
  const log = deps.logger.child({ source: source.id });
  const started = performance.now();
  let report: SourceReport;
  try {
    report = await ingestSource(source, deps, inTurn);
  } catch (error) {
    // Only the store failing can get here (ingestSource catches the stages' errors itself).
    const message = error instanceof Error ? error.message : String(error);
    report = { sourceId: source.id, status: 'failed', items: 0, newStories: 0, copies: 0, warnings: [], error: message };
  }
  const durationMs = Math.round(performance.now() - started);
  const { status, items, newStories, copies, warnings, error } = report;
  if (status === 'failed') log.warn({ status, durationMs, reason: error }, 'source failed');
  else log.info({ status, durationMs, items, newStories, copies, warnings: warnings.length || undefined }, 'source polled');
  return report;
}

function advertisedBy(reports: SourceReport[]): Map<string, Advertised> {
  return new Map(reports.flatMap((report) => (report.advertised ? [[report.sourceId, report.advertised] as const] : [])));
}

async function dueSources(deps: IngestDeps): Promise<Source[]> {
  const now = deps.now().getTime();
  const states = new Map((await deps.store.listSourceStates()).map((state) => [state.sourceId, state]));
  return deps.config.sources.filter((source) => isDue(source, states.get(source.id), now));
}

function isDue(source: Source, state: SourceState | undefined, now: number): boolean {
  if (!state?.lastFetchedAt) return true;
  return Date.parse(state.lastFetchedAt) + source.pollIntervalMinutes * 60_000 <= now;
}

async function pruneExpired(deps: IngestDeps): Promise<void> {
  const cutoff = new Date(deps.now().getTime() - deps.config.output.retentionDays * 86_400_000);
  const removed = await deps.store.prune(cutoff);
  if (removed > 0) deps.logger.info({ removed }, 'pruned expired stories');
  // The state of a source taken out of the config is of no use to anyone.
  const forgotten = await deps.store.forgetSources(deps.config.sources.map((source) => source.id));
  if (forgotten > 0) deps.logger.info({ forgotten }, 'forgot removed sources');
}
