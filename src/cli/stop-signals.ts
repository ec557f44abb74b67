import { constants } from 'node:os';

/** What bin/wirefeed.js hands the CLI: a SIGINT or SIGTERM that arrived while the CLI was loading. */
export interface HeldSignals {
  /** The first signal held, if any; the holding ends, so the signals go to whoever listens from now on. */
  take(): NodeJS.Signals | undefined;
}

/** For a CLI started by anything but bin/wirefeed.js: nothing was held. */
export const NOTHING_HELD: HeldSignals = { take: () => undefined };

/** A stop asked for, as an AbortSignal whose reason is the signal's name. */
export interface StopSignals {
  signal: AbortSignal;
  /** Stops listening (the process then ends on a signal, as by default). */
  dispose(): void;
}

const STOPS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Listens for SIGINT and SIGTERM, then takes over one held while the CLI loaded (in that order, so
 * that no signal falls between the two). The first aborts `signal`; listening ends with it, so a
 * second signal ends the process at once, for an operator who will not wait for the drain.
 */
export function watchStopSignals(held: HeldSignals): StopSignals {
  const controller = new AbortController();
  const dispose = (): void => {
    for (const name of STOPS) process.off(name, stop);
  };
  const stop = (signal: NodeJS.Signals): void => {
    dispose();
    controller.abort(signal);
  };
  for (const name of STOPS) process.on(name, stop);
  const early = held.take();
  if (early) stop(early);
  return { signal: controller.signal, dispose };
}

/** Resolves when `signal` aborts (at once when it has). */
export function stopped(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** The exit status of a process a signal ended (128 + its number), as a shell reports it. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}
