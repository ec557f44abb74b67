import type { Evidence } from '../domain/index.ts';
import type { Signal } from './signals.ts';
import type { Place } from './types.ts';
import type { Weights } from './weights.ts';

function weightOf(signal: Signal, place: Place, weights: Weights): number {
  return weights.kind[signal.kind] * weights.type[place.type];
}

function isSettled(places: Place[]): boolean {
  const first = places[0]?.country;
  return places.every((p) => p.shared || p.country === first);
}

// A smaller namesake ("London", Ontario) only when it is not dwarfed by the famous one.
function candidates(places: Place[], weights: Weights): Place[] {
  const top = Math.max(...places.map((p) => (p.type === 'city' || p.type === 'capital' ? p.population : 0)));
  return places.filter((p) => p.population === 0 || p.population >= top * weights.namesakeShare || p === places[0]);
}

/** Settles each signal's meaning: the one meaning of a plain name, or the namesake the rest of the story supports. */
export function resolveSignals(signals: Signal[], weights: Weights): { signal: Signal; places: Place[] }[] {
  const support = new Map<string, number>();
  for (const s of signals) {
    if (!isSettled(s.places)) continue;
    for (const p of s.places) support.set(p.country, (support.get(p.country) ?? 0) + weightOf(s, p, weights));
  }
  return signals.map((signal) => {
    if (isSettled(signal.places)) return { signal, places: signal.places };
    let best: Place | undefined;
    for (const p of candidates(signal.places, weights)) {
      if (!best || (support.get(p.country) ?? 0) > (support.get(best.country) ?? 0)) best = p;
    }
    return { signal, places: best ? [best] : [] };
  });
}

/** One evidence row per country, kind and wording; repeats add less and less. */
export function weighEvidence(resolved: { signal: Signal; places: Place[] }[], weights: Weights): Evidence[] {
  const rows = new Map<string, { evidence: Evidence; count: number; unit: number }>();
  for (const { signal, places } of resolved) {
    for (const place of places) {
      const key = `${place.country}\u0000${signal.kind}\u0000${signal.match}`;
      const row = rows.get(key);
      if (row) row.count += 1;
      else {
        const unit = weightOf(signal, place, weights);
        const evidence = { country: place.country, kind: signal.kind, match: signal.match, weight: unit };
        rows.set(key, { evidence, count: 1, unit });
      }
    }
  }
  for (const row of rows.values()) row.evidence.weight = round(row.unit * (1 + Math.log(row.count)));
  return [...rows.values()].map((r) => r.evidence).sort((a, b) => b.weight - a.weight);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The countries a story is about: those scoring near the top one, best first. */
export function focusCountries(evidence: Evidence[], weights: Weights): string[] {
  const scores = new Map<string, number>();
  for (const e of evidence) scores.set(e.country, (scores.get(e.country) ?? 0) + e.weight);
  // Stable sort: a tie keeps the order of the strongest evidence, then of reading.
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const top = ranked[0]?.[1] ?? 0;
  return ranked.filter(([, score]) => score > 0 && (score >= top * weights.focusRatio || score >= weights.focusScore)).map(([country]) => country);
}

// Where a name is prominent enough to speak for the whole story.
const PROMINENT: ReadonlySet<Signal['kind']> = new Set(['dateline', 'title', 'lead']);

/**
 * A disputed territory named prominently ("talks on the Kuril Islands") is about every country that
 * claims it: once one claimant is a focus country, the others join it.
 */
export function withClaimants(countries: string[], resolved: { signal: Signal; places: Place[] }[]): string[] {
  const out = [...countries];
  for (const { signal, places } of resolved) {
    const claimants = places.filter((p) => p.shared).map((p) => p.country);
    if (!PROMINENT.has(signal.kind) || claimants.length < 2 || !claimants.some((c) => out.includes(c))) continue;
    for (const c of claimants) if (!out.includes(c)) out.push(c);
  }
  return out;
}
