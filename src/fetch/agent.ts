import { Agent, buildConnector, Client } from 'undici';
import { addressCheck, checkedLookup, ipLiteral, privateAddressError, type AddressCheck } from './address-guard.ts';

/** What the process-wide fetch agent is built from (the `fetch:` config has both). */
export interface FetchAgentOptions {
  /** Off by default: loopback, private and link-local addresses are refused at connect time. */
  allowPrivateNetworks: boolean;
  /** With private networks off, the CIDR ranges still allowed (an intranet's feeds). */
  allowedNetworks?: readonly string[];
  /** Connect timeout; the request budget of fetchSource bounds the rest. */
  timeoutMs: number;
  /** Told of every fetch when it ends (the process's metrics). */
  observe?: FetchObserver;
}

/** How one fetch ended: its source, how long it took (redirects and body included) and its outcome. */
export interface FetchObservation {
  sourceId: string;
  durationMs: number;
  outcome: 'ok' | 'not-modified' | 'failed';
}

/** Told of each fetch as it ends; must not throw. */
export type FetchObserver = (fetch: FetchObservation) => void;

/** The connections every fetch of one process shares; create it once, pass it to fetchSource, close it at exit. */
export interface FetchAgent {
  /** The keep-alive pool, one per origin. */
  pool: Agent;
  /** A one-request connection outside the pool, through the same guard: the retry after a stale socket. */
  freshConnection(origin: string): Client;
  /** Told of every fetch through this agent as it ends. */
  observe?: FetchObserver;
  close(): Promise<void>;
}

/**
 * Builds the fetch agent. Unless private networks are allowed, every connection is checked at
 * connect time: IP literals before connecting, names through a lookup that refuses non-public answers.
 */
export function createFetchAgent(options: FetchAgentOptions): FetchAgent {
  const connect = options.allowPrivateNetworks
    ? buildConnector({ timeout: options.timeoutMs })
    : guardedConnector(options.timeoutMs, addressCheck(options.allowedNetworks));
  const pool = new Agent({ connect });
  return {
    pool,
    // Closed as soon as its one request is done: close() waits for the response to finish.
    freshConnection: (origin) => new Client(origin, { connect, pipelining: 1 }),
    observe: options.observe,
    close: () => pool.close(),
  };
}

function guardedConnector(timeoutMs: number, allowed: AddressCheck): buildConnector.connector {
  const connector = buildConnector({ timeout: timeoutMs, lookup: checkedLookup(allowed) });
  return (connectOptions, callback) => {
    const literal = ipLiteral(connectOptions.hostname);
    if (literal && !allowed(literal)) return callback(privateAddressError(connectOptions.hostname, literal), null);
    return connector(connectOptions, callback);
  };
}
