/** The politeness limits one process keeps: requests in flight per host, spacing per host, in flight in all. */
export interface GateLimits {
  perHost: number;
  hostSpacingMs: number;
  concurrency: number;
}

/** Runs a request to `host` when the limits allow it; tasks for one host start in the order given. */
export type HostGate = <T>(host: string, task: () => Promise<T>) => Promise<T>;

interface HostLine {
  inFlight: number;
  lastStart: number;
  waiting: (() => void)[];
}

/**
 * A gate for one process. A task waits for a free slot of its host (at most `perHost` at once, each
 * start `hostSpacingMs` after the previous one to that host) and then for one of `concurrency` slots.
 * Taking the host slot first means a busy host never holds global slots while it waits.
 */
export function createHostGate(limits: GateLimits, clock: () => number = Date.now): HostGate {
  const hosts = new Map<string, HostLine>();
  const global = createSlots(limits.concurrency);
  const lineOf = (host: string): HostLine => {
    let line = hosts.get(host);
    if (!line) hosts.set(host, (line = { inFlight: 0, lastStart: Number.NEGATIVE_INFINITY, waiting: [] }));
    return line;
  };
  const enterHost = async (line: HostLine): Promise<void> => {
    // A task woken from the queue is handed the slot of the one that left.
    if (line.inFlight < limits.perHost && line.waiting.length === 0) line.inFlight += 1;
    else await new Promise<void>((resolve) => line.waiting.push(resolve));
    // Reserved before sleeping, so the next start to this host is spaced from this one.
    const start = Math.max(clock(), line.lastStart + limits.hostSpacingMs);
    line.lastStart = start;
    if (start > clock()) await new Promise((resolve) => setTimeout(resolve, start - clock()));
  };
  const leaveHost = (line: HostLine): void => {
    const next = line.waiting.shift();
    if (next) next();
    else line.inFlight -= 1;
  };
  return async <T>(host: string, task: () => Promise<T>): Promise<T> => {
    const line = lineOf(host);
    await enterHost(line);
    try {
      return await global(task);
    } finally {
      leaveHost(line);
    }
  };
}

/** Runs tasks with at most `limit` at once, the others waiting in order. */
function createSlots(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = limit;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}
