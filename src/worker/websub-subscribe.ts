import { randomBytes } from 'node:crypto';
import { fetch } from 'undici';
import { StoreError, type Source, type SourceState, type WebSubSubscription } from '../domain/index.ts';
import type { IngestDeps } from './ingest-source.ts';
import { mapWithLimit } from './pool.ts';
import { decideSubscription, type Advertised, type SubscriptionStep } from './websub-decide.ts';

/** The lease asked of hubs; they may grant another. */
export const LEASE_SECONDS = 10 * 86_400;
const REQUESTS_AT_ONCE = 4;
const REQUEST_TIMEOUT_MS = 15_000;

/** What subscribing needs: the config (publicUrl, dedupe window), the store, the fetch agent, a logger. */
export type SubscribeDeps = Pick<IngestDeps, 'config' | 'store' | 'logger' | 'agent' | 'userAgent' | 'now'>;

/** The callback a hub verifies and pushes to for one source. */
export function callbackUrl(publicUrl: string, sourceId: string): string {
  return `${publicUrl}/websub/${encodeURIComponent(sourceId)}`;
}

/**
 * After a cycle: subscribes sources whose feed names a hub, renews leases ending soon, retries denied
 * requests after their backoff and forgets subscriptions whose feed stopped naming a hub. Does
 * nothing without `output.publicUrl`, since no hub could reach us. A failure is logged per source.
 */
export async function maintainSubscriptions(advertised: Map<string, Advertised>, deps: SubscribeDeps): Promise<void> {
  const publicUrl = deps.config.output.publicUrl;
  if (!publicUrl) return;
  const states = new Map((await deps.store.listSourceStates()).map((state) => [state.sourceId, state]));
  const now = deps.now();
  const steps = deps.config.sources.map((source) => ({
    source,
    state: states.get(source.id),
    step: decideSubscription(states.get(source.id)?.websub, advertised.get(source.id), now),
  }));
  await mapWithLimit(
    steps.filter(({ step }) => step.kind !== 'none'),
    REQUESTS_AT_ONCE,
    async ({ source, state, step }) => {
      try {
        await take(step, source, state ?? { sourceId: source.id, consecutiveFailures: 0, itemsSeen: 0 }, publicUrl, deps);
      } catch (error) {
        deps.logger.error({ source: source.id, err: error }, 'websub: subscription upkeep failed');
      }
    },
  );
}

/**
 * After one source's poll (the scheduler's path): the same upkeep for that source alone, reading only
 * its state. Every source is polled at least once a `fetch.maxPollMinutes`, well inside a lease's last tenth.
 */
export async function maintainSubscription(source: Source, advertised: Advertised | undefined, deps: SubscribeDeps): Promise<void> {
  const publicUrl = deps.config.output.publicUrl;
  if (!publicUrl) return;
  try {
    const state = await deps.store.getSourceState(source.id);
    const step = decideSubscription(state?.websub, advertised, deps.now());
    if (step.kind !== 'none') await take(step, source, state ?? { sourceId: source.id, consecutiveFailures: 0, itemsSeen: 0 }, publicUrl, deps);
  } catch (error) {
    deps.logger.error({ source: source.id, err: error }, 'websub: subscription upkeep failed');
  }
}

async function take(step: SubscriptionStep, source: Source, state: SourceState, publicUrl: string, deps: SubscribeDeps): Promise<void> {
  if (step.kind === 'forget') {
    deps.logger.info({ source: source.id, hub: state.websub?.hub }, 'websub: feed names no hub any more');
    await fileState({ ...state, websub: undefined }, deps);
    return;
  }
  if (step.kind !== 'subscribe') return;
  const requestedAt = deps.now().toISOString();
  const renewal = step.secret !== undefined;
  const websub: WebSubSubscription = {
    hub: step.hub,
    topic: step.topic,
    // 32 random bytes, hex: the HMAC key the hub signs every push with.
    secret: step.secret ?? randomBytes(32).toString('hex'),
    status: 'pending',
    requestedAt,
    attempts: step.attempts,
    ...(renewal && state.websub?.leaseUntil ? { leaseUntil: state.websub.leaseUntil } : {}),
  };
  // Filed before asking, so the hub's verification (possibly before its answer) finds it.
  await fileState({ ...state, websub }, deps);
  const refusal = await requestSubscription(websub, callbackUrl(publicUrl, source.id), deps);
  const log = { source: source.id, hub: websub.hub, topic: websub.topic, attempts: websub.attempts };
  if (refusal === undefined) {
    deps.logger.info(log, renewal ? 'websub: renewal requested' : 'websub: subscription requested');
    return;
  }
  deps.logger.warn({ ...log, reason: refusal }, 'websub: hub refused the subscription request');
  const latest = await deps.store.getSourceState(source.id);
  // Only our own pending request is marked denied, not a verification that raced ahead of this answer.
  if (latest?.websub?.requestedAt === requestedAt && latest.websub.status === 'pending') {
    await fileState({ ...latest, websub: { ...latest.websub, status: 'denied', reason: refusal } }, deps);
  }
}

// W3C WebSub §5.1: a form-encoded POST; the hub answers 202 and verifies later. Returns why it failed, if it did.
// A hub named by a feed is the feed's choice, not ours: the POST goes through the fetch agent, whose
// connect-time guard refuses our own network unless fetch.allowPrivateNetworks.
async function requestSubscription(websub: WebSubSubscription, callback: string, deps: SubscribeDeps): Promise<string | undefined> {
  try {
    const response = await fetch(websub.hub, {
      dispatcher: deps.agent.pool,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': deps.userAgent },
      body: new URLSearchParams({
        'hub.mode': 'subscribe',
        'hub.topic': websub.topic,
        'hub.callback': callback,
        'hub.secret': websub.secret,
        'hub.lease_seconds': String(LEASE_SECONDS),
      }).toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = (await response.text()).slice(0, 200);
    return response.ok ? undefined : `hub answered ${response.status}${text ? `: ${text}` : ''}`;
  } catch (error) {
    return `request failed: ${reason(error)}`;
  }
}

// undici's fetch fails with "fetch failed"; what went wrong (the guard's refusal, a reset) is its cause.
function reason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/** Files a source's state alone, as a 304 poll does: nothing but the state changes. */
export async function fileState(state: SourceState, deps: Pick<SubscribeDeps, 'config' | 'store' | 'now'>): Promise<void> {
  const outcome = await deps.store.fileSource({ state, entries: [], window: { now: deps.now(), hours: deps.config.dedupe.windowHours } });
  if (!outcome.filed) throw new StoreError(`store: filing the state of ${state.sourceId} conflicted: ${outcome.conflict}`);
}
