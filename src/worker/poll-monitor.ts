import type { Worker as BullWorker } from 'bullmq';
import type { SourceReport } from './ingest-source.ts';

/** Told of what the scheduled worker does (src/health builds it: metrics, heartbeat, summary log). */
export interface PollMonitor {
  /** A poll of this source begins. Must not throw. */
  pollStarted(sourceId: string): void;
  /** A poll completed (any outcome), in `durationMs`. Must not throw. */
  recordPoll(report: SourceReport, durationMs: number): void;
  /** With Redis: the BullMQ worker whose job outcomes to count. */
  watchJobs?(worker: BullWorker): void;
}
