import { describe, expect, it } from 'vitest';
import type { WebSubSubscription } from '../../src/domain/index.ts';
import { decideSubscription, deniedBackoff, PENDING_RETRY_MS } from '../../src/worker/websub-decide.ts';

const NOW = new Date('2026-12-04T12:00:00Z');
const HUB = 'https://hub.example.org/';
const TOPIC = 'https://wire.example.org/feed.xml';
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const DAY = 86_400_000;

function held(fields: Partial<WebSubSubscription>): WebSubSubscription {
  return { hub: HUB, topic: TOPIC, secret: 'k', status: 'active', requestedAt: at(-DAY), leaseUntil: at(9 * DAY), ...fields };
}

describe('decideSubscription', () => {
  const cases: Array<[string, WebSubSubscription | undefined, { hubs: string[]; topic: string } | undefined, unknown]> = [
    ['no hub named, none held', undefined, { hubs: [], topic: TOPIC }, { kind: 'none' }],
    ['not polled, none held', undefined, undefined, { kind: 'none' }],
    [
      'a hub named, none held: subscribe with a new secret',
      undefined,
      { hubs: [HUB], topic: TOPIC },
      { kind: 'subscribe', hub: HUB, topic: TOPIC, attempts: 1 },
    ],
    ['the first hub of several', undefined, { hubs: [HUB, 'https://b.example/'], topic: TOPIC }, { kind: 'subscribe', hub: HUB, topic: TOPIC, attempts: 1 }],
    [
      'another hub named: subscribe anew',
      held({}),
      { hubs: ['https://b.example/'], topic: TOPIC },
      { kind: 'subscribe', hub: 'https://b.example/', topic: TOPIC, attempts: 1 },
    ],
    [
      'another topic named: subscribe anew',
      held({}),
      { hubs: [HUB], topic: `${TOPIC}?v=2` },
      { kind: 'subscribe', hub: HUB, topic: `${TOPIC}?v=2`, attempts: 1 },
    ],
    ['the hub no longer named: forget', held({}), { hubs: [], topic: TOPIC }, { kind: 'forget' }],
    ['active, 9 of 10 days left: nothing', held({}), { hubs: [HUB], topic: TOPIC }, { kind: 'none' }],
    ['active, not polled, 9 days left: nothing', held({}), undefined, { kind: 'none' }],
    [
      'active, under a tenth left: renew, same secret',
      held({ requestedAt: at(-9.1 * DAY), leaseUntil: at(0.9 * DAY) }),
      undefined,
      { kind: 'subscribe', hub: HUB, topic: TOPIC, secret: 'k', attempts: 1 },
    ],
    [
      'active, a short lease: renewed minutes before its end',
      held({ requestedAt: at(-1000), leaseUntil: at(2000) }),
      undefined,
      { kind: 'subscribe', hub: HUB, topic: TOPIC, secret: 'k', attempts: 1 },
    ],
    ['active, lease over: renew', held({ leaseUntil: at(-1) }), undefined, { kind: 'subscribe', hub: HUB, topic: TOPIC, secret: 'k', attempts: 1 }],
    ['pending, asked a minute ago: wait', held({ status: 'pending', requestedAt: at(-60_000), leaseUntil: undefined }), undefined, { kind: 'none' }],
    [
      'pending, never verified: ask again',
      held({ status: 'pending', requestedAt: at(-PENDING_RETRY_MS), leaseUntil: undefined, attempts: 2 }),
      undefined,
      { kind: 'subscribe', hub: HUB, topic: TOPIC, secret: 'k', attempts: 3 },
    ],
    [
      'denied an hour ago after 2 attempts: wait',
      held({ status: 'denied', requestedAt: at(-60 * 60_000), attempts: 2 }),
      { hubs: [HUB], topic: TOPIC },
      { kind: 'none' },
    ],
    [
      'denied 2 hours ago after 2 attempts: retry',
      held({ status: 'denied', requestedAt: at(-2 * 60 * 60_000), attempts: 2 }),
      { hubs: [HUB], topic: TOPIC },
      { kind: 'subscribe', hub: HUB, topic: TOPIC, secret: 'k', attempts: 3 },
    ],
  ];
  it.each(cases)('%s', (_name, current, advertised, step) => {
    expect(decideSubscription(current, advertised, NOW)).toEqual(step);
  });
});

describe('deniedBackoff', () => {
  it.each([
    [1, 3_600_000],
    [2, 7_200_000],
    [4, 28_800_000],
    [20, 7 * DAY],
  ])('after %i attempts waits %i ms', (attempts, ms) => {
    expect(deniedBackoff(attempts)).toBe(ms);
  });
});
