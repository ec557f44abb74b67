import type { PlaceType } from './types.ts';

/** Where in a story a signal was found; the dateline says most, a passing mention least. */
export type SignalKind = 'dateline' | 'title' | 'lead' | 'body' | 'geo';

/** The numbers that turn signals into a choice of countries; tuned on half the dev set. */
export interface Weights {
  kind: Record<SignalKind, number>;
  type: Record<PlaceType, number>;
  /** Countries scoring at least this share of the top country are what the story is about. */
  focusRatio: number;
  /** Countries scoring at least this much are what the story is about, however high the top one is. */
  focusScore: number;
  /** Characters after the dateline that count as the lead. */
  leadChars: number;
  /** Cities smaller than this count outside a dateline only when they are capitals. */
  minCityPopulation: number;
  /** A less populous namesake ("London", Ontario) is chosen only above this share of the largest. */
  namesakeShare: number;
}

/** The tuned defaults. */
export const DEFAULT_WEIGHTS: Weights = {
  kind: { dateline: 6, title: 3, lead: 1.5, body: 1, geo: 4 },
  type: { country: 1, demonym: 0.8, capital: 0.9, city: 0.8, subdivision: 0.7, landmark: 0.9, none: 0 },
  focusRatio: 0.6,
  focusScore: 3.5,
  leadChars: 300,
  minCityPopulation: 200_000,
  namesakeShare: 0.1,
};
