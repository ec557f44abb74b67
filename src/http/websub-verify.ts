import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SourceState } from '../domain/index.ts';

/** How to answer a hub's GET to a callback, and the source's new state when it changes. */
export interface VerificationAnswer {
  status: 200 | 400 | 404;
  body: string;
  state?: SourceState;
}

/**
 * W3C WebSub §5.3: a hub verifies a (un)subscription we asked for, or says it denied one. The
 * challenge is echoed only for a subscribe we hold (pending or active) on that very topic, which
 * becomes active for the lease granted; an unsubscribe only when we hold no such subscription.
 */
export function answerVerification(state: SourceState | undefined, params: URLSearchParams, now: Date): VerificationAnswer {
  const mode = params.get('hub.mode');
  const topic = params.get('hub.topic');
  const challenge = params.get('hub.challenge');
  const websub = state?.websub;
  const held = websub !== undefined && websub.topic === topic && websub.status !== 'denied';
  if (mode === 'denied') {
    if (!state || !websub || websub.topic !== topic) return refused('no subscription of this source to that topic');
    const reason = params.get('hub.reason')?.slice(0, 200) ?? 'no reason given';
    return { status: 200, body: '', state: { ...state, websub: { ...websub, status: 'denied', reason } } };
  }
  if (!challenge || !topic) return { status: 400, body: 'websub: hub.topic and hub.challenge are required' };
  if (mode === 'unsubscribe') return held ? refused('this subscription is still wanted') : { status: 200, body: challenge };
  if (mode !== 'subscribe') return { status: 400, body: 'websub: hub.mode must be subscribe, unsubscribe or denied' };
  if (!state || !websub || !held) return refused('no subscription of this source to that topic');
  const lease = Number(params.get('hub.lease_seconds'));
  if (!Number.isInteger(lease) || lease <= 0) return { status: 400, body: 'websub: hub.lease_seconds must be a positive integer' };
  const leaseUntil = new Date(now.getTime() + lease * 1000).toISOString();
  const active = { ...websub, status: 'active' as const, leaseUntil, attempts: undefined, reason: undefined };
  return { status: 200, body: challenge, state: { ...state, websub: active } };
}

function refused(why: string): VerificationAnswer {
  return { status: 404, body: `websub: ${why}` };
}

const ALGORITHMS: Record<string, string> = { sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/**
 * W3C WebSub §8: `X-Hub-Signature: method=hex` is the HMAC of the raw body under the subscription's
 * secret. The spec allows sha1 and the SHA-2 family; the comparison takes the same time whatever matches.
 */
export function signatureValid(header: string | undefined, body: Uint8Array, secret: string): boolean {
  const [method = '', hex = ''] = (header ?? '').trim().split('=', 2);
  const algorithm = ALGORITHMS[method.toLowerCase()];
  if (!algorithm || !/^[0-9a-f]+$/i.test(hex)) return false;
  const expected = createHmac(algorithm, secret).update(body).digest();
  const given = Buffer.from(hex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
