import type { FetchConfig } from '../config/index.ts';
import type { Source, SourceState } from '../domain/index.ts';

/** The global bounds every interval falls within (`fetch.minPollMinutes` / `maxPollMinutes`). */
export type PollBounds = Pick<FetchConfig, 'minPollMinutes' | 'maxPollMinutes'>;

const MINUTE_MS = 60_000;
/** The publishing rate is measured over the last week. */
export const RATE_WINDOW_MINUTES = 7 * 24 * 60;
/** Dated items it takes for the measured rate to outweigh the newsroom's pollMinutes entirely. */
export const FULL_EVIDENCE = 8;
/** Jitter adds up to this share of the interval and never takes any away, so every floor holds. */
export const JITTER_SHARE = 0.1;
/** A poll pushed out of skipHours/skipDays lands within this many minutes after the hour. */
export const SKIP_JITTER_MINUTES = 5;

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * Minutes until the next poll after a success, before jitter and skip rules: the adaptive interval
 * (the ceiling under an active WebSub subscription) within the global bounds, and never shorter than
 * the publisher's floor, which the ceiling caps in turn (we always look at least once per ceiling).
 */
export function pollInterval(source: Source, state: SourceState, bounds: PollBounds, now: Date): number {
  const { minPollMinutes: floor, maxPollMinutes: ceiling } = bounds;
  const wanted = state.websub?.status === 'active' ? ceiling : adaptiveMinutes(source.pollIntervalMinutes, state.recentItems ?? [], now);
  const publisher = Math.min(state.publisherMinMinutes ?? 0, ceiling);
  return Math.max(floor, publisher, Math.min(ceiling, wanted));
}

/**
 * Polling twice per expected item: half the mean gap between the items published in the last week,
 * blended in log space with the newsroom's wish (pollMinutes), the measured rate weighing more with
 * every dated item known, fully from FULL_EVIDENCE on. An item older than the week proves the whole
 * week was seen; otherwise the week starts at the oldest item. A week with no item reads as silence.
 */
export function adaptiveMinutes(wishMinutes: number, recentItems: readonly string[], now: Date): number {
  const times = recentItems.map(Date.parse).filter((time) => time <= now.getTime());
  if (times.length < 2) return wishMinutes;
  const cutoff = now.getTime() - RATE_WINDOW_MINUTES * MINUTE_MS;
  const inWindow = times.filter((time) => time > cutoff);
  if (inWindow.length === 0) return Infinity;
  const coveredFrom = inWindow.length < times.length ? cutoff : Math.min(...inWindow);
  const gapMinutes = Math.max(1, (now.getTime() - coveredFrom) / MINUTE_MS / inWindow.length);
  const weight = Math.min(1, times.length / FULL_EVIDENCE);
  return Math.exp((1 - weight) * Math.log(wishMinutes) + weight * Math.log(gapMinutes / 2));
}

/** `now + minutes`, plus up to JITTER_SHARE of it, so that sources polled together drift apart. */
export function jittered(now: Date, minutes: number, random: () => number): number {
  return now.getTime() + minutes * (1 + JITTER_SHARE * random()) * MINUTE_MS;
}

/**
 * The first moment at or after `at` outside the feed's skipHours and skipDays (RSS 2.0, GMT), a few
 * jittered minutes into the first hour allowed; `at` itself when no rule applies or every hour is skipped.
 */
export function outsideSkips(at: number, skipHours: readonly number[] = [], skipDays: readonly string[] = [], random: () => number = Math.random): number {
  // Some feeds write midnight as 24.
  const hours = new Set(skipHours.map((hour) => hour % 24));
  const days = new Set(skipDays.map((day) => day.trim().toLowerCase()));
  const skipped = (time: number) => hours.has(new Date(time).getUTCHours()) || days.has(DAYS[new Date(time).getUTCDay()] ?? '');
  if (!skipped(at)) return at;
  let hour = Math.floor(at / (60 * MINUTE_MS)) * 60 * MINUTE_MS;
  for (let step = 0; step < 8 * 24; step++) {
    hour += 60 * MINUTE_MS;
    if (!skipped(hour)) return hour + SKIP_JITTER_MINUTES * random() * MINUTE_MS;
  }
  return at;
}
