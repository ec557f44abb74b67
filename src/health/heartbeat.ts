import type { Logger } from 'pino';
import type { Store } from '../store/index.ts';

/** Notes in the store that a poll completed, at most once every `everyMs` (default 15 s). */
export type Heartbeat = (at: Date) => void;

/**
 * The mark `/readyz` reads in every process. Throttled: at thousands of polls a minute, one store
 * write per poll would be a cost for a mark whose readers judge it in minutes.
 */
export function createHeartbeat(store: Pick<Store, 'markPolled'>, logger: Logger, everyMs = 15_000): Heartbeat {
  let last = Number.NEGATIVE_INFINITY;
  return (at) => {
    if (at.getTime() - last < everyMs) return;
    last = at.getTime();
    // A store down fails the polls too, and they say so; this is one line more, at debug.
    store.markPolled(at).catch((error: unknown) => logger.debug({ err: error }, 'health: poll mark not written'));
  };
}
