import cron from 'node-cron';
import type { Config } from '../config/index.ts';
import type { IngestDeps } from './ingest-source.ts';
import { runCycle } from './run-cycle.ts';

/** A running worker; `stop` waits for the cycle in progress. */
export interface Worker {
  stop(): Promise<void>;
  /**
   * Polls the sources of `config` from the next cycle on, which starts now unless one is under way
   * (so an added source is read at once); the cycle in progress ends as it began.
   */
  reload(config: Config): void;
}

/** What runs after each cycle, e.g. telling a WebSub hub which feeds changed. */
export interface WorkerOptions {
  afterCycle?: () => Promise<unknown>;
}

/**
 * Polls due sources once now and then every minute. A cycle never overlaps the previous one:
 * a slow source delays the next tick instead of piling up requests.
 */
export function startWorker(initial: IngestDeps, options: WorkerOptions = {}): Worker {
  let deps = initial;
  let running: Promise<unknown> | undefined;
  // A reload during a cycle asks for one more right after it.
  let again = false;
  const tick = (): void => {
    if (running) return;
    running = runCycle(deps, 'due')
      .then(() => options.afterCycle?.())
      .catch((error: unknown) => deps.logger.error({ err: error }, 'worker cycle failed'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  const task = cron.schedule('* * * * *', tick);
  tick();
  return {
    async stop() {
      await task.stop();
      again = false;
      await running;
    },
    reload(config) {
      deps = { ...deps, config };
      again = running !== undefined;
      tick();
    },
  };
}
