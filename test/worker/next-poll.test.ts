// The schedule's rules over typed inputs: bounds, publisher floors, the adaptive rate, jitter, skip rules,
// backoff, Retry-After, 410 and the counting of permanent redirects.
import { describe, expect, it } from 'vitest';
import type { Source, SourceState } from '../../src/domain/index.ts';
import { nextPoll, type DocumentHints, type PollOutcome, type ResponseHints } from '../../src/worker/next-poll.ts';
import { outsideSkips, type PollBounds } from '../../src/worker/poll-interval.ts';
import { isRetired, pollUrl, stateForUrl } from '../../src/domain/index.ts';

// A Monday.
const NOW = new Date('2026-02-09T12:00:00Z');
const MINUTE = 60_000;
const BOUNDS: PollBounds = { minPollMinutes: 2, maxPollMinutes: 1440 };
const SOURCE: Source = {
  id: 'wire',
  url: 'https://wire.example/feed.rss',
  title: 'Wire',
  language: 'en',
  defaultCountries: [],
  defaultRegions: [],
  pollIntervalMinutes: 15,
};
const FRESH: SourceState = { sourceId: 'wire', consecutiveFailures: 0, itemsSeen: 0 };
const OK: ResponseHints = { status: 200, hubs: [] };

function ago(minutes: number): string {
  return new Date(NOW.getTime() - minutes * MINUTE).toISOString();
}

interface Case {
  previous?: Partial<SourceState>;
  outcome?: PollOutcome;
  source?: Partial<Source>;
  bounds?: Partial<PollBounds>;
  now?: Date;
  random?: number;
}

function decide({ previous = {}, outcome = { kind: 'fetched', hints: OK }, source = {}, bounds = {}, now = NOW, random = 0 }: Case) {
  return nextPoll({ ...SOURCE, ...source }, { ...FRESH, ...previous }, outcome, { ...BOUNDS, ...bounds }, now, () => random);
}

// Minutes from NOW to the decided next poll.
function minutesAhead(decision: { nextPollAt?: string }, now = NOW): number {
  return (Date.parse(decision.nextPollAt ?? '') - now.getTime()) / MINUTE;
}

function fetched(hints: Partial<ResponseHints> = {}, document?: Partial<DocumentHints>): PollOutcome {
  return { kind: 'fetched', hints: { ...OK, ...hints }, ...(document ? { document: { published: [], ...document } } : {}) };
}

describe('the interval after a success', () => {
  it.each<[string, Case, number]>([
    ['is pollMinutes with nothing else known', {}, 15],
    ['never falls below fetch.minPollMinutes', { source: { pollIntervalMinutes: 1 } }, 2],
    ['never rises above fetch.maxPollMinutes', { bounds: { maxPollMinutes: 10 } }, 10],
    ['is never shorter than Cache-Control max-age', { outcome: fetched({ maxAgeSeconds: 3600 }) }, 60],
    ['is never shorter than Expires', { outcome: fetched({ expiresAt: new Date(NOW.getTime() + 120 * MINUTE).toISOString() }) }, 120],
    ['is never shorter than the feed <ttl>', { outcome: fetched({}, { ttlMinutes: 30 }) }, 30],
    ['takes the longest of the publisher floors', { outcome: fetched({ maxAgeSeconds: 1200 }, { ttlMinutes: 30 }) }, 30],
    ['keeps the <ttl> of the last document over a 304', { previous: { ttlMinutes: 45 }, outcome: fetched({ status: 304 }) }, 45],
    ['ignores a max-age shorter than the interval', { outcome: fetched({ maxAgeSeconds: 300 }) }, 15],
    ['ignores max-age 0 and an Expires in the past', { outcome: fetched({ maxAgeSeconds: 0, expiresAt: ago(5) }) }, 15],
    ['caps a publisher floor at the ceiling', { outcome: fetched({}, { ttlMinutes: 3000 }) }, 1440],
    ['is the ceiling under an active WebSub subscription', { previous: { websub: websub('active') } }, 1440],
    ['is not the ceiling while the subscription is pending', { previous: { websub: websub('pending') } }, 15],
  ])('%s', (_name, input, minutes) => {
    expect(minutesAhead(decide(input))).toBeCloseTo(minutes, 3);
  });

  it('records the publisher floor and the status', () => {
    expect(decide({ outcome: fetched({ maxAgeSeconds: 3600, status: 304 }) })).toMatchObject({
      publisherMinMinutes: 60,
      lastStatus: 304,
      consecutiveFailures: 0,
    });
  });

  it('adds a jitter of up to a tenth, never less than the interval', () => {
    const spread = [0, 0.25, 0.5, 0.75, 0.999].map((random) => minutesAhead(decide({ random })));
    expect(spread[0]).toBe(15);
    for (const minutes of spread) expect(minutes >= 15 && minutes < 16.5).toBe(true);
    expect(new Set(spread).size).toBe(spread.length);
  });
});

describe('the adaptive interval', () => {
  const everyMinutes = (gap: number, count: number, from = gap) => Array.from({ length: count }, (_, i) => ago(from + i * gap));

  it.each<[string, string[], number]>([
    ['polls a wire publishing every 3 minutes at the floor', everyMinutes(3, 20), 2],
    ['polls a weekly blog at the ceiling', everyMinutes(7 * 1440, 10, 1440), 1440],
    ['polls a source silent for a week at the ceiling', [ago(10 * 1440), ago(20 * 1440)], 1440],
    ['polls every 2 hours a source publishing every 4 hours', everyMinutes(240, 12), 120],
    ['stays near pollMinutes on little evidence (2 items an hour apart)', [ago(60), ago(120)], 15 ** 0.75 * 30 ** 0.25],
    ['is pollMinutes with a single dated item', [ago(600)], 15],
  ])('%s', (_name, recentItems, minutes) => {
    expect(minutesAhead(decide({ previous: { recentItems } }))).toBeCloseTo(minutes, 3);
  });

  it('adds the new items of a document to the recent ones, newest first, and keeps 200', () => {
    const previous = Array.from({ length: 200 }, (_, i) => ago(10 + i));
    const decision = decide({ previous: { recentItems: previous }, outcome: fetched({}, { published: [ago(5), ago(1)] }) });
    expect(decision.recentItems?.slice(0, 3)).toEqual([ago(1), ago(5), ago(10)]);
    expect(decision.recentItems).toHaveLength(200);
  });

  it('keeps the recent items when no document was read', () => {
    expect(decide({ previous: { recentItems: [ago(1)] }, outcome: fetched({ status: 304 }) }).recentItems).toEqual([ago(1)]);
  });
});

describe('skipHours and skipDays', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each<[string, string, number[], string[], string]>([
    ['moves a poll out of a skipped hour', '2026-02-09T12:15:00Z', [12, 13], [], '2026-02-09T14:00:00.000Z'],
    ['wraps past midnight into the next day', '2026-02-09T23:30:00Z', [23, 0, 1], [], '2026-02-10T02:00:00.000Z'],
    ['reads hour 24 as midnight', '2026-02-10T00:10:00Z', [24], [], '2026-02-10T01:00:00.000Z'],
    ['skips whole days in GMT', '2026-02-14T10:00:00Z', [], ['Saturday', 'sunday'], '2026-02-16T00:00:00.000Z'],
    ['combines hours and days', '2026-02-14T10:00:00Z', [0, 1], ['Saturday', 'Sunday'], '2026-02-16T02:00:00.000Z'],
    ['leaves a time outside every rule alone', '2026-02-09T12:15:00Z', [3], ['Sunday'], '2026-02-09T12:15:00.000Z'],
    ['ignores rules that skip every hour', '2026-02-09T12:15:00Z', Array.from({ length: 24 }, (_, h) => h), [], '2026-02-09T12:15:00.000Z'],
  ])('%s', (_name, candidate, hours, days, expected) => {
    expect(new Date(outsideSkips(at(candidate), hours, days, () => 0)).toISOString()).toBe(expected);
  });

  it('lands a few jittered minutes into the first hour allowed', () => {
    const landed = outsideSkips(at('2026-02-09T12:15:00Z'), [12], [], () => 0.5);
    expect(new Date(landed).toISOString()).toBe('2026-02-09T13:02:30.000Z');
  });

  it('applies the rules of the document to the next poll, and keeps them over a 304', () => {
    const first = decide({ outcome: fetched({}, { skipHours: [12, 13] }) });
    expect(first).toMatchObject({ nextPollAt: '2026-02-09T14:00:00.000Z', skipHours: [12, 13] });
    const later = decide({ previous: { skipHours: [12, 13] }, outcome: fetched({ status: 304 }) });
    expect(later.nextPollAt).toBe('2026-02-09T14:00:00.000Z');
  });
});

describe('failures', () => {
  const failed: PollOutcome = { kind: 'failed', status: 503 };

  it.each([
    [0, 15],
    [1, 30],
    [2, 60],
    [3, 120],
    [4, 240],
    [5, 360],
    [9, 360],
  ])('back off exponentially after %i failures before: %i minutes, capped at 6 h', (failures, minutes) => {
    const decision = decide({ previous: { consecutiveFailures: failures }, outcome: failed });
    expect(decision.consecutiveFailures).toBe(failures + 1);
    expect(minutesAhead(decision)).toBe(minutes);
  });

  it('takes up to a tenth off a backoff as jitter, never below the normal interval', () => {
    expect(minutesAhead(decide({ previous: { consecutiveFailures: 9 }, outcome: failed, random: 0.5 }))).toBe(342);
    expect(minutesAhead(decide({ outcome: failed, random: 0.999 }))).toBe(15);
  });

  it('never poll a failing source sooner than it would be polled when well', () => {
    expect(minutesAhead(decide({ previous: { consecutiveFailures: 3, websub: websub('active') }, outcome: failed }))).toBe(1440);
  });

  it('recover on the first success', () => {
    const decision = decide({ previous: { consecutiveFailures: 7, lastStatus: 503 } });
    expect(decision).toMatchObject({ consecutiveFailures: 0, lastStatus: 200 });
    expect(minutesAhead(decision)).toBe(15);
  });

  it('record the status, or none for a transport error', () => {
    expect(decide({ outcome: failed }).lastStatus).toBe(503);
    expect(decide({ previous: { lastStatus: 200 }, outcome: { kind: 'failed' } }).lastStatus).toBeUndefined();
  });
});

describe('Retry-After', () => {
  const refused = (retryAfterSeconds: number): PollOutcome => ({ kind: 'failed', status: 429, retryAfterSeconds });
  const inMinutes = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE).toISOString();

  it.each([
    ['holds the host and the source for 2 h', 7200, 120, 120],
    ['caps the hold at 24 h', 3 * 86_400, 1440, 1440],
    ['holds the host for a minute and the source for its backoff', 60, 1, 15],
  ])('%s', (_name, seconds, holdMinutes, nextMinutes) => {
    const decision = decide({ outcome: refused(seconds) });
    expect(decision.hostRetryAfterUntil).toBe(inMinutes(holdMinutes));
    expect(minutesAhead(decision)).toBe(nextMinutes);
  });

  it('is kept over a failure without one and cleared by a success', () => {
    const held = { hostRetryAfterUntil: inMinutes(30) };
    expect(decide({ previous: held, outcome: { kind: 'failed', status: 500 } }).hostRetryAfterUntil).toBe(inMinutes(30));
    expect(decide({ previous: held }).hostRetryAfterUntil).toBeUndefined();
  });
});

describe('410 Gone', () => {
  const gone: PollOutcome = { kind: 'failed', status: 410 };

  it('retires the source at the URL that was gone', () => {
    expect(decide({ outcome: gone }).retired).toEqual({ at: NOW.toISOString(), url: SOURCE.url, status: 410 });
    const moved = 'https://wire.example/new.rss';
    expect(decide({ previous: { movedTo: moved, configUrl: SOURCE.url }, outcome: gone }).retired?.url).toBe(moved);
  });

  it('keeps it retired until its config entry names another URL', () => {
    const state = { ...FRESH, ...decide({ outcome: gone }) };
    expect(isRetired(SOURCE, state)).toBe(true);
    expect(isRetired({ ...SOURCE, url: 'https://wire.example/v2.rss' }, state)).toBe(false);
  });
});

describe('permanent redirects', () => {
  const target = 'https://feeds.wire.example/all.rss';
  const redirected = (to = target) => fetched({ permanentRedirect: to });

  function polls(outcomes: PollOutcome[]): SourceState {
    return outcomes.reduce<SourceState>((state, outcome) => ({ ...state, ...nextPoll(SOURCE, state, outcome, BOUNDS, NOW, () => 0) }), FRESH);
  }

  it('are counted, and the third in a row moves the source', () => {
    expect(polls([redirected()]).redirect).toEqual({ to: target, polls: 1 });
    expect(polls([redirected(), redirected()]).redirect).toEqual({ to: target, polls: 2 });
    const moved = polls([redirected(), redirected(), redirected()]);
    expect(moved).toMatchObject({ movedTo: target, redirect: undefined, configUrl: SOURCE.url });
    expect(pollUrl(SOURCE, moved)).toBe(target);
  });

  it('start over on another target, end on a 200 without one, and survive a failure', () => {
    expect(polls([redirected(), redirected(), redirected('https://other.example/feed')]).redirect).toEqual({ to: 'https://other.example/feed', polls: 1 });
    expect(polls([redirected(), redirected(), fetched()]).redirect).toBeUndefined();
    expect(polls([redirected(), redirected(), { kind: 'failed', status: 500 }]).redirect).toEqual({ to: target, polls: 2 });
    expect(polls([redirected(), redirected(), fetched()]).movedTo).toBeUndefined();
  });

  it('are forgotten, with the move and the validators, when the config URL changes', () => {
    const moved = { ...polls([redirected(), redirected(), redirected()]), etag: '"v1"', bodyHash: 'abc' };
    const edited = { ...SOURCE, url: 'https://wire.example/v2.rss' };
    expect(pollUrl(edited, moved)).toBe(edited.url);
    const fresh = stateForUrl(edited, moved);
    expect(fresh).toMatchObject({ configUrl: edited.url });
    for (const key of ['movedTo', 'redirect', 'retired', 'etag', 'bodyHash'] as const) expect(fresh[key]).toBeUndefined();
    expect(stateForUrl(SOURCE, moved)).toBe(moved);
  });
});

function websub(status: 'pending' | 'active'): SourceState['websub'] {
  return { hub: 'https://hub.example/', topic: SOURCE.url, secret: 's', status, requestedAt: NOW.toISOString() };
}
