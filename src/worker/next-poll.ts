import { pollUrl, type Source, type SourceState } from '../domain/index.ts';
import type { FetchResult } from '../fetch/index.ts';
import { jittered, outsideSkips, pollInterval, type PollBounds } from './poll-interval.ts';

/** What a 200 or 304 said about the next poll (status, max-age, Expires, permanent redirect). */
export type ResponseHints = Omit<Extract<FetchResult, { kind: 'not-modified' }>, 'kind'>;

const MINUTE_MS = 60_000;
/** Failures double the interval up to this (6 h), or the normal interval when that is longer. */
export const BACKOFF_CAP_MINUTES = 6 * 60;
/** A Retry-After longer than this (24 h) is held for this long only. */
export const RETRY_AFTER_CAP_SECONDS = 24 * 60 * 60;
/** Consecutive polls meeting the same permanent redirect before its target is polled instead. */
export const REDIRECT_POLLS = 3;
/** Publication times kept for the adaptive rate and the last-24-hours count. */
export const RECENT_ITEMS = 200;

/** What a document said about the schedule: RSS <ttl>/<skipHours>/<skipDays> and its new items' dates. */
export interface DocumentHints {
  ttlMinutes?: number;
  skipHours?: number[];
  skipDays?: string[];
  /** Publication times of the items first seen in this document (dated ones only). */
  published: string[];
}

/** How a poll went, as the schedule needs to know it. */
export type PollOutcome =
  /** A 200 or 304; `document` when a body was parsed (not for a 304 or a body seen before). */
  { kind: 'fetched'; hints: ResponseHints; document?: DocumentHints } | { kind: 'failed'; status?: number; retryAfterSeconds?: number };

type ScheduleKey =
  | 'consecutiveFailures'
  | 'nextPollAt'
  | 'lastStatus'
  | 'publisherMinMinutes'
  | 'ttlMinutes'
  | 'skipHours'
  | 'skipDays'
  | 'hostRetryAfterUntil'
  | 'retired'
  | 'redirect'
  | 'movedTo'
  | 'recentItems'
  | 'configUrl';

/** The part of a source's state the schedule decides; every key is present, undefined to clear it. */
export type ScheduleState = { [K in ScheduleKey]: SourceState[K] };

/**
 * What a poll decides about the next one. `previous` is the state as it applies to the configured
 * URL (see stateForUrl); `random` returns [0, 1) and spreads sources that would fall due together.
 */
export function nextPoll(source: Source, previous: SourceState, outcome: PollOutcome, bounds: PollBounds, now: Date, random: () => number): ScheduleState {
  return outcome.kind === 'fetched'
    ? afterSuccess(source, previous, outcome, bounds, now, random)
    : afterFailure(source, previous, outcome, bounds, now, random);
}

function afterSuccess(
  source: Source,
  previous: SourceState,
  outcome: PollOutcome & { kind: 'fetched' },
  bounds: PollBounds,
  now: Date,
  random: () => number,
): ScheduleState {
  const { hints, document } = outcome;
  // A 304 or a body seen before carries no document: what the last one said still holds.
  const ttlMinutes = document ? document.ttlMinutes : previous.ttlMinutes;
  const skipHours = document ? document.skipHours : previous.skipHours;
  const skipDays = document ? document.skipDays : previous.skipDays;
  const recentItems = document ? mergeRecent(previous.recentItems ?? [], document.published) : previous.recentItems;
  const publisherMinMinutes = publisherFloor(ttlMinutes, hints, now);
  const counted = countRedirect(previous.redirect, hints.permanentRedirect);
  const moved = counted !== undefined && counted.polls >= REDIRECT_POLLS;
  const state = { ...previous, publisherMinMinutes, recentItems };
  const at = outsideSkips(jittered(now, pollInterval(source, state, bounds, now), random), skipHours, skipDays, random);
  return {
    consecutiveFailures: 0,
    nextPollAt: new Date(at).toISOString(),
    lastStatus: hints.status,
    publisherMinMinutes,
    ttlMinutes,
    skipHours,
    skipDays,
    // The host answered: whatever hold this source recorded is over.
    hostRetryAfterUntil: undefined,
    retired: undefined,
    redirect: moved ? undefined : counted,
    movedTo: moved ? counted.to : previous.movedTo,
    recentItems,
    configUrl: source.url,
  };
}

function afterFailure(
  source: Source,
  previous: SourceState,
  outcome: PollOutcome & { kind: 'failed' },
  bounds: PollBounds,
  now: Date,
  random: () => number,
): ScheduleState {
  const consecutiveFailures = previous.consecutiveFailures + 1;
  const base = pollInterval(source, previous, bounds, now);
  // Jitter takes up to a tenth off the doubled interval here, so that capped retries do not line up either.
  const doubled = Math.min(BACKOFF_CAP_MINUTES, base * 2 ** (consecutiveFailures - 1)) * (1 - 0.1 * random());
  const backoffAt = now.getTime() + Math.max(base, doubled) * MINUTE_MS;
  const holdUntil = outcome.retryAfterSeconds === undefined ? undefined : now.getTime() + Math.min(outcome.retryAfterSeconds, RETRY_AFTER_CAP_SECONDS) * 1000;
  const at = outsideSkips(Math.max(backoffAt, holdUntil ?? 0), previous.skipHours, previous.skipDays, random);
  const gone = outcome.status === 410;
  return {
    consecutiveFailures,
    nextPollAt: new Date(at).toISOString(),
    lastStatus: outcome.status,
    publisherMinMinutes: previous.publisherMinMinutes,
    ttlMinutes: previous.ttlMinutes,
    skipHours: previous.skipHours,
    skipDays: previous.skipDays,
    hostRetryAfterUntil: holdUntil === undefined ? previous.hostRetryAfterUntil : new Date(holdUntil).toISOString(),
    retired: gone ? { at: now.toISOString(), url: pollUrl(source, previous), status: 410 } : previous.retired,
    // A failure neither confirms nor breaks a run of redirects.
    redirect: previous.redirect,
    movedTo: previous.movedTo,
    recentItems: previous.recentItems,
    configUrl: source.url,
  };
}

/** The longest wait the publisher asked for, in minutes: <ttl>, Cache-Control max-age, Expires. */
export function publisherFloor(ttlMinutes: number | undefined, hints: ResponseHints, now: Date): number | undefined {
  const floors = [ttlMinutes, hints.maxAgeSeconds === undefined ? undefined : hints.maxAgeSeconds / 60];
  if (hints.expiresAt) floors.push((Date.parse(hints.expiresAt) - now.getTime()) / MINUTE_MS);
  const known = floors.filter((floor): floor is number => floor !== undefined && floor > 0);
  return known.length ? Math.max(...known) : undefined;
}

// The same target again adds a poll; another target starts over; a poll with no redirect ends the run.
function countRedirect(previous: SourceState['redirect'], target: string | undefined): SourceState['redirect'] {
  if (target === undefined) return undefined;
  return previous?.to === target ? { to: target, polls: previous.polls + 1 } : { to: target, polls: 1 };
}

function mergeRecent(previous: readonly string[], published: readonly string[]): string[] {
  const times = [...published.filter((time) => !Number.isNaN(Date.parse(time))), ...previous];
  return times.sort((a, b) => Date.parse(b) - Date.parse(a)).slice(0, RECENT_ITEMS);
}
