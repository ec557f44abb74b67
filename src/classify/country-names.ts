import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import type { Place } from './types.ts';

/** A phrase and the place it names, before it goes into the gazetteer. */
export interface Naming {
  phrase: string;
  place: Place;
}

const LATIN = /\p{Script=Latin}/u;
// world-countries' translation keys for the Latin-script languages of the configured sources.
const LATIN_LANGUAGES: Readonly<Record<string, string>> = { fra: 'fr', deu: 'de', spa: 'es' };
// Words that take no plural "s": "Japanese", "British", "Swiss", "Dutch".
const NO_PLURAL = /(s|sh|ch|x|z)$/;

function place(country: string, type: Place['type'], extra: Partial<Place> = {}): Place {
  return { country, type, population: 0, ...extra };
}

/** Names, spellings, demonyms, capitals and non-Latin translations of every country in world-countries. */
export function countryNamings(): Naming[] {
  // The package's typings describe its ES module, which Node does not load (no "exports"); read the data.
  const countries = createRequire(import.meta.url)('world-countries/countries.json') as Country[];
  const out: Naming[] = [];
  // Independent and larger countries first: a shared name or demonym ("French", "Dominican") means them first.
  const ordered = [...countries].sort((a, b) => Number(b.independent) - Number(a.independent) || b.area - a.area);
  for (const c of ordered) {
    const code = c.cca2;
    const add = (phrase: string, p: Place): void => {
      if (phrase) out.push({ phrase, place: p });
    };
    add(c.name.common, place(code, 'country'));
    add(c.name.official, place(code, 'country'));
    for (const alt of c.altSpellings) {
      // Two-letter codes are words ("GE", "IN", "AM"); index forms like "Korea, Republic of" are never written.
      if (alt.length <= 2 || alt.includes(',')) continue;
      add(alt, place(code, 'country', /^[A-Z]{3,5}$/.test(alt) ? { upperOnly: true } : {}));
    }
    for (const demonym of new Set(Object.values(c.demonyms.eng ?? {}).filter(Boolean))) {
      add(demonym, place(code, 'demonym'));
      if (!NO_PLURAL.test(demonym)) add(`${demonym}s`, place(code, 'demonym'));
    }
    for (const capital of c.capital) add(capital, place(code, 'capital'));
    // Other scripts cannot collide with English words; Latin-script translations ("Island" is German
    // for Iceland, "Chine" French for China) count only in text of their own language.
    for (const [key, t] of Object.entries(c.translations)) {
      const language = LATIN_LANGUAGES[key];
      for (const name of [t.common, t.official]) {
        if (!LATIN.test(name)) add(name, place(code, 'country'));
        else if (language) add(name, place(code, 'country', { language }));
      }
    }
    for (const demonym of new Set(Object.values(c.demonyms.fra ?? {}).filter(Boolean))) {
      add(demonym, place(code, 'demonym', { language: 'fr' }));
    }
  }
  return out;
}
