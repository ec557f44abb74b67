import type { Logger } from 'pino';
import { firstRunGuidance, firstRunMessage, type Source } from '../domain/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { Store } from '../store/index.ts';
import type { PollMonitor } from '../worker/index.ts';
import { createHeartbeat } from './heartbeat.ts';
import { createPollSummary, summaryLine, type CycleSummary, type SummaryTiming } from './poll-summary.ts';

/** What the worker's monitor is built from. */
export interface MonitorDeps {
  store: Pick<Store, 'markPolled' | 'listSourceStates'>;
  logger: Logger;
  /** The sources of the running config (it may be reloaded). */
  sources: () => readonly Source[];
  metrics?: Metrics;
  now?: () => Date;
  timing?: SummaryTiming;
}

/** The worker's monitor, and `close` to summarise what is left when the worker stops. */
export interface RunningMonitor extends PollMonitor {
  close(): void;
}

/**
 * Every completed poll goes to the metrics, the store's poll mark (readiness) and the run's summary.
 * Each summary is one log line; after one, while no poll of this process has been answered, the
 * stored states are read to see whether any source ever answered, and if none did, the first-run
 * guidance is logged, once.
 */
export function createPollMonitor(deps: MonitorDeps): RunningMonitor {
  const { logger, metrics, now = () => new Date() } = deps;
  const heartbeat = createHeartbeat(deps.store, logger);
  let answered = false;
  let guided = false;
  const guide = async (): Promise<void> => {
    const states = await deps.store.listSourceStates();
    // A source that answered in an earlier run makes this no first run: the summaries say the rest.
    if (states.some((state) => state.lastSuccessAt)) return void (guided = true);
    const guidance = firstRunGuidance(deps.sources(), new Map(states.map((state) => [state.sourceId, state])));
    if (!guidance) return;
    guided = true;
    logger.warn({ firstRun: guidance.sources.map(({ sourceId, label, error }) => ({ source: sourceId, reason: label, error })) }, firstRunMessage(guidance));
  };
  const summarised = (summary: CycleSummary): void => {
    metrics?.polls.recordCycle(now());
    const { failing, ...counts } = summary;
    const fields = { summary: { ...counts, failing: failing.length }, failing: failing.length ? failing : undefined };
    if (failing.length > 0) logger.warn(fields, summaryLine(summary));
    else logger.info(fields, summaryLine(summary));
    if (!answered && !guided) guide().catch((error: unknown) => logger.warn({ err: error }, 'health: first-run check failed'));
  };
  const summary = createPollSummary(summarised, deps.timing);
  return {
    pollStarted: () => summary.started(),
    recordPoll(report, durationMs) {
      metrics?.polls.recordPoll(report, durationMs);
      heartbeat(now());
      if (report.status !== 'failed' && report.status !== 'retired') answered = true;
      summary.record(report);
    },
    watchJobs: metrics?.watchJobs,
    close: () => summary.flush(),
  };
}
