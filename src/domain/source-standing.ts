import type { Source, SourceState } from './source.ts';

/**
 * The state as it applies to the source's configured URL: when the config names another URL than the
 * one the state was learnt for, the move, the redirect count, the retirement and the validators go.
 */
export function stateForUrl(source: Pick<Source, 'url'>, state: SourceState): SourceState {
  if (state.configUrl === undefined || state.configUrl === source.url) return state;
  const { movedTo: _movedTo, redirect: _redirect, retired: _retired, etag: _etag, lastModified: _lastModified, bodyHash: _bodyHash, ...rest } = state;
  return { ...rest, configUrl: source.url };
}

/** Whether a 410 Gone retired the source at its configured URL (a changed config entry brings it back). */
export function isRetired(source: Pick<Source, 'url'>, state: SourceState | undefined): boolean {
  return state !== undefined && stateForUrl(source, state).retired !== undefined;
}

/** The URL a poll of the source asks: where three permanent redirects in a row moved it, else the configured one. */
export function pollUrl(source: Pick<Source, 'url'>, state: SourceState | undefined): string {
  return (state && stateForUrl(source, state).movedTo) ?? source.url;
}

/** How a source stands after its last poll, as the newsroom reads it in `/api/sources` and `wirefeed sources`. */
export type SourceStanding = 'never-polled' | 'ok' | 'not-modified' | 'failing' | 'backing-off' | 'retired' | 'redirect-pending';

/**
 * One failure is `failing` (the next poll comes at the usual interval); two or more, or a host that
 * asked us to wait, is `backing-off`. A permanent redirect being counted shows until it moves the source.
 */
export function sourceStanding(source: Pick<Source, 'url'>, stored: SourceState | undefined, now: Date): SourceStanding {
  if (!stored?.lastFetchedAt) return 'never-polled';
  const state = stateForUrl(source, stored);
  if (state.retired) return 'retired';
  const held = state.hostRetryAfterUntil !== undefined && Date.parse(state.hostRetryAfterUntil) > now.getTime();
  if (state.consecutiveFailures >= 2 || (state.consecutiveFailures === 1 && held)) return 'backing-off';
  if (state.consecutiveFailures === 1) return 'failing';
  if (state.redirect) return 'redirect-pending';
  return state.lastStatus === 304 ? 'not-modified' : 'ok';
}

/** Items published in the 24 hours before `now`, of the publication times the state keeps. */
export function itemsLastDay(state: SourceState | undefined, now: Date): number {
  const since = now.getTime() - 86_400_000;
  return (state?.recentItems ?? []).filter((time) => Date.parse(time) > since && Date.parse(time) <= now.getTime()).length;
}
