import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SourceState } from '../../src/domain/index.ts';
import { answerVerification, signatureValid } from '../../src/http/websub-verify.ts';

const NOW = new Date('2026-12-04T12:00:00Z');
const TOPIC = 'https://wire.example.org/feed.xml';
const state = (status: 'pending' | 'active' | 'denied'): SourceState => ({
  sourceId: 'wire',
  consecutiveFailures: 0,
  itemsSeen: 3,
  websub: { hub: 'https://hub.example.org/', topic: TOPIC, secret: 'k', status, requestedAt: '2026-12-04T11:59:00Z', attempts: 2, reason: 'earlier' },
});
const params = (fields: Record<string, string>) => new URLSearchParams(fields);
const subscribe = { 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.challenge': 'ch4llenge', 'hub.lease_seconds': '86400' };

describe('answerVerification', () => {
  it('echoes the challenge of a pending subscription and makes it active for the lease granted', () => {
    const answer = answerVerification(state('pending'), params(subscribe), NOW);
    expect(answer).toMatchObject({ status: 200, body: 'ch4llenge' });
    expect(answer.state?.websub).toMatchObject({ status: 'active', leaseUntil: '2026-12-05T12:00:00.000Z', attempts: undefined, reason: undefined });
    expect(answer.state?.itemsSeen).toBe(3);
  });

  it.each<[string, SourceState | undefined, Record<string, string>, number]>([
    ['an active subscription renewed', state('active'), subscribe, 200],
    ['another topic', state('active'), { ...subscribe, 'hub.topic': `${TOPIC}x` }, 404],
    ['a denied subscription', state('denied'), subscribe, 404],
    ['no state at all', undefined, subscribe, 404],
    ['no challenge', state('pending'), { ...subscribe, 'hub.challenge': '' }, 400],
    ['no lease', state('pending'), { ...subscribe, 'hub.lease_seconds': '' }, 400],
    ['an unknown mode', state('pending'), { ...subscribe, 'hub.mode': 'publish' }, 400],
    ['an unsubscribe of a subscription still wanted', state('active'), { ...subscribe, 'hub.mode': 'unsubscribe' }, 404],
    ['an unsubscribe of a topic not held', state('active'), { ...subscribe, 'hub.mode': 'unsubscribe', 'hub.topic': `${TOPIC}x` }, 200],
  ])('%s: %i', (_name, current, fields, status) => {
    const answer = answerVerification(current, params(fields), NOW);
    expect(answer.status).toBe(status);
    expect(answer.body === 'ch4llenge').toBe(status === 200);
  });

  it('records a denial of the topic held, with its reason', () => {
    const answer = answerVerification(state('pending'), params({ 'hub.mode': 'denied', 'hub.topic': TOPIC, 'hub.reason': 'closed' }), NOW);
    expect(answer).toMatchObject({ status: 200, state: { websub: { status: 'denied', reason: 'closed' } } });
    expect(answerVerification(state('pending'), params({ 'hub.mode': 'denied', 'hub.topic': 'https://other.example/' }), NOW).status).toBe(404);
  });
});

describe('signatureValid', () => {
  const body = new TextEncoder().encode('<rss/>');
  const sign = (algorithm: string, secret = 'k') => `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;
  it.each([
    [sign('sha1'), true],
    [sign('sha256'), true],
    [sign('sha384'), true],
    [sign('sha512'), true],
    [sign('sha256').toUpperCase().replace('SHA256', 'sha256'), true],
    [sign('sha256', 'other'), false],
    [sign('md5'), false],
    [sign('sha256').slice(0, -2), false],
    ['sha256=', false],
    ['sha256', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (header, valid) => {
    expect(signatureValid(header, body, 'k')).toBe(valid);
  });
});
