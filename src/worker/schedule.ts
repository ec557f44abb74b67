import type { Config } from '../config/index.ts';
import type { IngestDeps } from './ingest-source.ts';
import { startLocalDispatch } from './local-dispatch.ts';
import { startQueueDispatch, type QueueSettings } from './queue-dispatch.ts';

/** A running worker. */
export interface Worker {
  /** Sources added, removed or changed take effect at the next dispatch; polls under way finish as they began. */
  reload(config: Config): void;
  /** Stops dispatching and waits for the polls under way. */
  stop(): Promise<void>;
}

/** How the worker runs beside its polls. */
export interface WorkerOptions {
  /** Runs after polls have finished (at most once per tick), e.g. telling a WebSub hub which feeds changed. */
  afterCycle?: () => Promise<unknown>;
  /** Seconds between looks for due sources (default 1). */
  tickSeconds?: number;
  /** With Redis: due sources spread over every worker through a BullMQ queue. */
  queue?: QueueSettings;
}

/**
 * Polls each source when it is due: through a BullMQ queue shared by every worker process when
 * `options.queue` is given, else with the in-process scheduler.
 */
export function startWorker(deps: IngestDeps, options: WorkerOptions = {}): Worker {
  return options.queue ? startQueueDispatch(deps, options, options.queue) : startLocalDispatch(deps, options);
}
