import type { Logger } from 'pino';

/** Runs the after-polls hook (the WebSub ping) once polls have finished, never two at once. */
export interface AfterPolls {
  /** A poll finished: the next `flush` runs the hook. */
  polled(): void;
  /** Waits for a run under way, then runs the hook if a poll finished since it last started. */
  flush(): Promise<void>;
}

/** With no cycle to end, the hook runs at the ticker's pace whenever something was polled. */
export function createAfterPolls(hook: (() => Promise<unknown>) | undefined, logger: Logger): AfterPolls {
  let pending = false;
  let running: Promise<void> | undefined;
  return {
    polled: () => void (pending = true),
    async flush() {
      if (running) await running;
      if (!hook || !pending) return;
      pending = false;
      running = hook()
        .then(() => undefined)
        .catch((error: unknown) => logger.error({ err: error }, 'worker: after-polls hook failed'))
        .finally(() => (running = undefined));
      await running;
    },
  };
}
