import { isRetired, pollUrl, type Source, type SourceState } from '../domain/index.ts';

/** The host a source is polled at: its moved-to URL's after 3 permanent redirects, else its configured one. */
export function hostOf(source: Source, state: SourceState | undefined): string {
  return new URL(pollUrl(source, state)).host;
}

/** When a source may next be polled (ms); a source never polled is due at once. Undefined: never (retired). */
export function dueAt(source: Source, state: SourceState | undefined): number | undefined {
  // A 410 retires the URL, not the source: a new URL in the config is polled again, at once.
  if (isRetired(source, state)) return undefined;
  if (state?.configUrl !== undefined && state.configUrl !== source.url) return Number.NEGATIVE_INFINITY;
  if (state?.nextPollAt) return Date.parse(state.nextPollAt);
  if (state?.lastFetchedAt) return Date.parse(state.lastFetchedAt) + source.pollIntervalMinutes * 60_000;
  return Number.NEGATIVE_INFINITY;
}

/** Until when each host asked every client to wait (ms), the latest Retry-After over its sources. */
export function heldHosts(sources: Source[], states: ReadonlyMap<string, SourceState>): Map<string, number> {
  const held = new Map<string, number>();
  for (const source of sources) {
    const state = states.get(source.id);
    if (!state?.hostRetryAfterUntil) continue;
    const host = hostOf(source, state);
    held.set(host, Math.max(held.get(host) ?? 0, Date.parse(state.hostRetryAfterUntil)));
  }
  return held;
}

/** A source due now, with the host it will be polled at. */
export interface DueSource {
  source: Source;
  host: string;
}

/** The sources due at `now`: not retired, past their due time, and on a host that is not holding us off. */
export function dueSources(sources: Source[], states: ReadonlyMap<string, SourceState>, now: number): DueSource[] {
  const held = heldHosts(sources, states);
  return sources.flatMap((source) => {
    const state = states.get(source.id);
    const at = dueAt(source, state);
    // Most sources are not due: their host (a URL parse) is worked out only for those that are.
    if (at === undefined || now < at) return [];
    const host = hostOf(source, state);
    return now < (held.get(host) ?? 0) ? [] : [{ source, host }];
  });
}

/** Source states by source id. */
export function statesById(states: SourceState[]): Map<string, SourceState> {
  return new Map(states.map((state) => [state.sourceId, state]));
}
