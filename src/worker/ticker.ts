import cron from 'node-cron';
import type { Logger } from 'pino';

/** A running ticker; `stop` waits for the look under way. */
export interface Ticker {
  stop(): Promise<void>;
}

/**
 * Runs `look` now and every `seconds` (node-cron's seconds field); a look still running when the
 * next tick comes is not started twice, and a failing look is logged and tried again next tick.
 */
export function startTicker(seconds: number, look: () => Promise<void>, logger: Logger): Ticker {
  let running: Promise<void> | undefined;
  const tick = (): void => {
    running ??= look()
      .catch((error: unknown) => logger.error({ err: error }, 'worker: dispatch failed'))
      .finally(() => (running = undefined));
  };
  const task = cron.schedule(`*/${seconds} * * * * *`, tick);
  tick();
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
