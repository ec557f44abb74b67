import type { Dateline } from './dateline.ts';
import { readsIn } from './match.ts';
import { normalizePhrase } from './tokenize.ts';
import type { Gazetteer, Place } from './types.ts';

function countriesNamed(key: string, language: string | undefined, gazetteer: Gazetteer): string[] {
  const places = gazetteer.phrases.get(key) ?? [];
  return [...new Set(places.filter((p) => p.type === 'country' && readsIn(p, language)).map((p) => p.country))];
}

function countriesWithPlace(name: string, gazetteer: Gazetteer): Set<string> {
  return new Set(gazetteer.phrases.get(normalizePhrase(name))?.map((p) => p.country));
}

/**
 * The country a dateline qualifier puts its city in. A qualifier that is both a state and a country
 * ("Georgia") goes by the city: "TBILISI, Georgia" is the country, "ATLANTA, Georgia" the state, and
 * a town the gazetteer does not know in the state's country goes to the country the qualifier names.
 */
function qualifierCountry(d: Dateline & { qualifier: string }, language: string | undefined, gazetteer: Gazetteer): string | undefined {
  const key = normalizePhrase(d.qualifier);
  const state = gazetteer.qualifiers.get(key);
  const named = countriesNamed(key, language, gazetteer);
  const country = named.length === 1 ? named[0] : undefined;
  if (!state || !country || state === country) return state ?? country;
  const cityIn = countriesWithPlace(d.place, gazetteer);
  return cityIn.has(state) && !cityIn.has(country) ? state : country;
}

/** What a story's dateline says: its qualifier's country, else every meaning of its place. */
export function readDateline(d: Dateline, language: string | undefined, gazetteer: Gazetteer): { places: Place[]; match: string } | undefined {
  const qualified = d.qualifier ? qualifierCountry({ ...d, qualifier: d.qualifier }, language, gazetteer) : undefined;
  if (qualified) return { places: [{ country: qualified, type: 'city', population: 0 }], match: `${d.place}, ${d.qualifier}` };
  const places = gazetteer.phrases.get(normalizePhrase(d.place))?.filter((p) => p.country && !p.upperOnly && readsIn(p, language));
  return places?.length ? { places, match: d.place } : undefined;
}
