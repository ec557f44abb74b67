import { iso1A2Code } from '@rapideditor/country-coder';
import type { GeoPoint } from '../domain/index.ts';
import { findDateline } from './dateline.ts';
import { readDateline } from './dateline-signal.ts';
import { findMentions, type MatchContext, type Mention } from './match.ts';
import { findSurnames } from './surnames.ts';
import { isAllCaps, tokenize, type Words } from './tokenize.ts';
import type { Gazetteer, Place } from './types.ts';
import type { SignalKind, Weights } from './weights.ts';

/** A place found in one part of a story, before its meaning is settled. */
export interface Signal {
  kind: SignalKind;
  places: Place[];
  match: string;
}

// "Paris, Texas": a state or province after a city's comma moves the city there.
function qualify(m: Mention, words: Words, gazetteer: Gazetteer): Place[] {
  if (!words.commaAfter(m.last) || !m.places.some((p) => p.type === 'city' || p.type === 'capital')) return m.places;
  const next = m.last + 1;
  for (const n of [2, 1]) {
    if (next + n > words.count || words.shape(next) === 'lower') continue;
    const key = n === 2 ? `${words.norm(next)} ${words.norm(next + 1)}` : words.norm(next);
    const country = gazetteer.qualifiers.get(key);
    const alsoCity = gazetteer.phrases.get(key)?.some((p) => p.type === 'city' || p.type === 'capital');
    if (country && !alsoCity) return [{ country, type: 'city', population: 0 }];
  }
  return m.places;
}

/** What every part of one story is read with. */
type Reading = Omit<MatchContext, 'caseless'>;

function textSignals(words: Words, reading: Reading, gazetteer: Gazetteer, leadChars: number): Signal[] {
  const dateline = findDateline(words.text);
  const signals: Signal[] = [];
  const fromDateline = dateline && readDateline(dateline, reading.language, gazetteer);
  if (fromDateline) signals.push({ kind: 'dateline', ...fromDateline });
  const bodyStart = dateline?.end ?? 0;
  let from = 0;
  while (from < words.count && (words.start[from] ?? 0) < bodyStart) from++;
  const ctx = { caseless: isAllCaps(words.text), ...reading };
  const leadEnd = bodyStart + leadChars;
  for (const m of findMentions(words, from, words.count, ctx, gazetteer)) {
    const kind = (words.start[m.first] ?? 0) < leadEnd ? 'lead' : 'body';
    signals.push({ kind, places: qualify(m, words, gazetteer), match: m.text });
  }
  return signals;
}

// country-coder's borders (offline, maintained with OpenStreetMap's editor); a point at sea says nothing.
function geoSignal(geo: GeoPoint): Signal | undefined {
  const code = iso1A2Code([geo.lon, geo.lat]);
  return code ? { kind: 'geo', places: [{ country: code, type: 'city', population: 0 }], match: `${geo.lat},${geo.lon}` } : undefined;
}

/** Every place signal in a story's title, text and point, in reading order. */
export function collectSignals(
  input: { title: string; text: string; geo?: GeoPoint | undefined; language?: string | undefined },
  gazetteer: Gazetteer,
  weights: Weights,
): Signal[] {
  const signals: Signal[] = [];
  const geo = input.geo && geoSignal(input.geo);
  if (geo) signals.push(geo);
  const textWords = tokenize(input.text);
  // Surnames are read in the running text, where capitals mean something, and hold for the title too.
  const surnames = isAllCaps(input.text) ? new Set<string>() : findSurnames(textWords, gazetteer);
  const reading = { minCityPopulation: weights.minCityPopulation, language: input.language, surnames };
  const titleWords = tokenize(input.title);
  for (const m of findMentions(titleWords, 0, titleWords.count, { caseless: isAllCaps(input.title), ...reading }, gazetteer)) {
    signals.push({ kind: 'title', places: qualify(m, titleWords, gazetteer), match: m.text });
  }
  signals.push(...textSignals(textWords, reading, gazetteer, weights.leadChars));
  return signals;
}
