import type { WebSubSubscription } from '../domain/index.ts';

/** What a poll saw the feed advertise: its hubs (empty: none) and its topic URL (rel="self", else the URL fetched). */
export interface Advertised {
  hubs: string[];
  topic: string;
}

/** What to do about a source's subscription now. */
export type SubscriptionStep =
  | { kind: 'none' }
  /** Send hub.mode=subscribe; `secret` is kept on a renewal of the same hub and topic. */
  | { kind: 'subscribe'; hub: string; topic: string; secret?: string; attempts: number }
  /** The feed no longer names a hub: stop counting on pushes (the lease lapses at the hub). */
  | { kind: 'forget' };

/** A hub that has not verified a request in this long is asked again. */
export const PENDING_RETRY_MS = 60 * 60_000;
/** A lease is renewed when less than a tenth of it is left, and never later than this before it ends. */
const RENEW_MARGIN_MS = 5 * 60_000;
const DENIED_BACKOFF_MS = 60 * 60_000;
const DENIED_BACKOFF_MAX_MS = 7 * 86_400_000;

/**
 * Decides whether to subscribe, renew, retry or forget. `advertised` is absent when the source was not
 * polled or its answer said nothing new about hubs (a 304 without Link headers): the subscription held
 * is then kept and renewed as it is.
 */
export function decideSubscription(current: WebSubSubscription | undefined, advertised: Advertised | undefined, now: Date): SubscriptionStep {
  if (advertised) {
    const hub = advertised.hubs[0];
    if (!hub) return current ? { kind: 'forget' } : { kind: 'none' };
    // A new hub or topic is a new subscription, with a new secret.
    if (!current || current.hub !== hub || current.topic !== advertised.topic) return { kind: 'subscribe', hub, topic: advertised.topic, attempts: 1 };
  }
  if (!current) return { kind: 'none' };
  const again = { kind: 'subscribe', hub: current.hub, topic: current.topic, secret: current.secret } as const;
  const sinceRequest = now.getTime() - Date.parse(current.requestedAt);
  const attempts = current.attempts ?? 1;
  if (current.status === 'denied') return sinceRequest >= deniedBackoff(attempts) ? { ...again, attempts: attempts + 1 } : { kind: 'none' };
  if (current.status === 'pending') return sinceRequest >= PENDING_RETRY_MS ? { ...again, attempts: attempts + 1 } : { kind: 'none' };
  return renewalDue(current, now) ? { ...again, attempts: 1 } : { kind: 'none' };
}

/** How long after a denied (or refused) request the next one goes: 1 h, doubling, at most 7 days. */
export function deniedBackoff(attempts: number): number {
  return Math.min(DENIED_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), DENIED_BACKOFF_MAX_MS);
}

// The lease ran from about the request to leaseUntil; renew in its last tenth (a day of a 10-day lease).
function renewalDue(current: WebSubSubscription, now: Date): boolean {
  if (!current.leaseUntil) return true;
  const end = Date.parse(current.leaseUntil);
  const lease = end - Date.parse(current.requestedAt);
  return end - now.getTime() <= Math.max(lease / 10, RENEW_MARGIN_MS);
}
