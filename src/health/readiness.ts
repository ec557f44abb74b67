import type { Config, ConfigStatus } from '../config/index.ts';
import type { Store } from '../store/index.ts';

/** What `/readyz` answers: ready, or not with every reason why. */
export interface Readiness {
  ready: boolean;
  reasons: string[];
  /** When a worker last completed a poll, as the store holds it; null if never. */
  lastPollAt: string | null;
}

/** What readiness is judged from. */
export interface ReadinessDeps {
  /** Read once per check: the store's answer is the ping, and it says when a worker last polled. */
  store: Pick<Store, 'lastPolled'>;
  /** The running config (its sources set how recent a poll must be). */
  config: () => Config;
  /** Whether the config file's last edit loaded. */
  configStatus?: () => ConfigStatus;
  now?: () => Date;
  /** How long the store may take to answer (default 2000 ms): a store down must not hang the probe. */
  timeoutMs?: number;
}

/** A poll must have completed within this many times the shortest poll interval configured… */
const INTERVALS = 3;
/** …and at least this long, so a farm of 2-minute sources is not flagged by a slow minute. */
const LEAST_WINDOW_MINUTES = 10;

/**
 * How recent the last completed poll must be: three times the shortest poll interval configured
 * (within fetch.minPollMinutes and maxPollMinutes), at least 10 minutes. With sources polled that
 * often, a healthy scheduler completes a poll well within it.
 */
export function pollWindowMs(config: Pick<Config, 'sources' | 'fetch'>): number {
  const shortest = Math.min(...config.sources.map((source) => source.pollIntervalMinutes));
  const minutes = Math.min(Math.max(shortest, config.fetch.minPollMinutes), config.fetch.maxPollMinutes);
  return Math.max(LEAST_WINDOW_MINUTES, INTERVALS * minutes) * 60_000;
}

/**
 * Judges readiness: the config's last edit loaded, the store answers in time, and some worker
 * completed a poll within `pollWindowMs` (a config with no source needs no poll). Every process
 * reads the same mark in the store, written by whichever worker polled: a `serve` alone, or one of
 * several workers sharing a queue that polled nothing itself lately, is ready while polling goes on.
 */
export function createReadiness(deps: ReadinessDeps): () => Promise<Readiness> {
  const { now = () => new Date(), timeoutMs = 2000 } = deps;
  return async () => {
    const reasons: string[] = [];
    const status = deps.configStatus?.();
    if (status?.error) reasons.push(`config: the last edit of ${status.file} did not load, the config loaded at ${status.loadedAt} runs: ${status.error}`);
    const polled = await answerWithin(deps.store.lastPolled(), timeoutMs);
    if (polled.error) reasons.push(polled.error);
    const last = polled.value;
    const config = deps.config();
    if (!polled.error && config.sources.length > 0) {
      const windowMs = pollWindowMs(config);
      if (!last) reasons.push('polls: no worker has completed a poll yet');
      else if (now().getTime() - last.getTime() > windowMs) {
        reasons.push(`polls: no worker has completed a poll in the last ${windowMs / 60_000} minutes (the last at ${last.toISOString()})`);
      }
    }
    return { ready: reasons.length === 0, reasons, lastPollAt: last?.toISOString() ?? null };
  };
}

async function answerWithin<T>(work: Promise<T>, ms: number): Promise<{ value?: T; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ error: string }>((resolve) => {
    timer = setTimeout(() => resolve({ error: `store: no answer within ${ms} ms` }), ms).unref();
  });
  try {
    return await Promise.race([
      work.then(
        (value) => ({ value }),
        (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
