import cron from 'node-cron';
import type { IngestDeps } from './ingest-source.ts';
import { runCycle } from './run-cycle.ts';

/** A running worker; `stop` waits for the cycle in progress. */
export interface Worker {
  stop(): Promise<void>;
}

/** What runs after each cycle, e.g. telling a WebSub hub which feeds changed. */
export interface WorkerOptions {
  afterCycle?: () => Promise<unknown>;
}

/**
 * Polls due sources once now and then every minute. A cycle never overlaps the previous one:
 * a slow source delays the next tick instead of piling up requests.
 */
export function startWorker(deps: IngestDeps, options: WorkerOptions = {}): Worker {
  let running: Promise<unknown> | undefined;
  const tick = (): void => {
    if (running) return;
    running = runCycle(deps, 'due')
      .then(() => options.afterCycle?.())
      .catch((error: unknown) => deps.logger.error({ err: error }, 'worker cycle failed'))
      .finally(() => (running = undefined));
  };
  const task = cron.schedule('* * * * *', tick);
  tick();
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
