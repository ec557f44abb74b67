import type { Source, SourceState } from '../domain/index.ts';

/**
 * The state as it applies to the source's configured URL: when the config names another URL than the
 * one the state was learnt for, the move, the redirect count, the retirement and the validators go.
 */
export function stateForUrl(source: Source, state: SourceState): SourceState {
  if (state.configUrl === undefined || state.configUrl === source.url) return state;
  const { movedTo: _movedTo, redirect: _redirect, retired: _retired, etag: _etag, lastModified: _lastModified, bodyHash: _bodyHash, ...rest } = state;
  return { ...rest, configUrl: source.url };
}

/** Whether a 410 Gone retired the source at its configured URL (a changed config entry brings it back). */
export function isRetired(source: Source, state: SourceState | undefined): boolean {
  return state !== undefined && stateForUrl(source, state).retired !== undefined;
}

/** The URL a poll of the source asks: where three permanent redirects in a row moved it, else the configured one. */
export function pollUrl(source: Source, state: SourceState | undefined): string {
  return (state && stateForUrl(source, state).movedTo) ?? source.url;
}
