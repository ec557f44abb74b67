import { iso1A2Code } from '@rapideditor/country-coder';
import type { GeoPoint } from '../domain/index.ts';
import { findDateline, type Dateline } from './dateline.ts';
import { findMentions, type Mention } from './match.ts';
import { isAllCaps, normalizePhrase, tokenize, type Words } from './tokenize.ts';
import type { Gazetteer, Place } from './types.ts';
import type { SignalKind, Weights } from './weights.ts';

/** A place found in one part of a story, before its meaning is settled. */
export interface Signal {
  kind: SignalKind;
  places: Place[];
  match: string;
}

function qualifierCountry(words: string, gazetteer: Gazetteer): string | undefined {
  const key = normalizePhrase(words);
  const subdivision = gazetteer.qualifiers.get(key);
  if (subdivision) return subdivision;
  const countries = gazetteer.phrases.get(key)?.filter((p) => p.type === 'country');
  return countries?.length === 1 ? countries[0]?.country : undefined;
}

function datelineSignal(d: Dateline, gazetteer: Gazetteer): Signal | undefined {
  const qualified = d.qualifier ? qualifierCountry(d.qualifier, gazetteer) : undefined;
  const match = d.qualifier && qualified ? `${d.place}, ${d.qualifier}` : d.place;
  if (qualified) return { kind: 'dateline', places: [{ country: qualified, type: 'city', population: 0 }], match };
  const places = gazetteer.phrases.get(normalizePhrase(d.place))?.filter((p) => p.country && !p.upperOnly);
  return places?.length ? { kind: 'dateline', places, match } : undefined;
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

function textSignals(text: string, language: string | undefined, gazetteer: Gazetteer, weights: Weights): Signal[] {
  const dateline = findDateline(text);
  const signals: Signal[] = [];
  const fromDateline = dateline && datelineSignal(dateline, gazetteer);
  if (fromDateline) signals.push(fromDateline);
  const words = tokenize(text);
  const bodyStart = dateline?.end ?? 0;
  let from = 0;
  while (from < words.count && (words.start[from] ?? 0) < bodyStart) from++;
  const ctx = { caseless: isAllCaps(text), minCityPopulation: weights.minCityPopulation, language };
  const leadEnd = bodyStart + weights.leadChars;
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
  const titleWords = tokenize(input.title);
  const ctx = { caseless: isAllCaps(input.title), minCityPopulation: weights.minCityPopulation, language: input.language };
  for (const m of findMentions(titleWords, 0, titleWords.count, ctx, gazetteer)) {
    signals.push({ kind: 'title', places: qualify(m, titleWords, gazetteer), match: m.text });
  }
  signals.push(...textSignals(input.text, input.language, gazetteer, weights));
  return signals;
}
