// A straightforward classifier prototype, kept as the benchmark's in-run baseline: it lower-cases each
// story and looks every word and word pair up in a map of country names, demonyms and capitals.
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';

const WORD = /[\p{L}]+/gu;

/** Builds the prototype: a name → countries map from world-countries. */
export function createBaseline(): (title: string, text: string) => string[] {
  const countries = createRequire(import.meta.url)('world-countries/countries.json') as Country[];
  const names = new Map<string, string>();
  for (const c of countries) {
    const demonyms = Object.values(c.demonyms.eng ?? {});
    for (const n of [c.name.common, ...c.capital, ...demonyms]) if (n) names.set(n.toLowerCase(), c.cca2);
  }
  return (title, text) => {
    const words = `${title}\n${text}`.toLowerCase().match(WORD) ?? [];
    const counts = new Map<string, number>();
    for (let i = 0; i < words.length; i++) {
      const code = names.get(`${words[i]} ${words[i + 1]}`) ?? names.get(words[i] ?? '');
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const top = Math.max(0, ...counts.values());
    return [...counts].filter(([, n]) => n >= top / 2).map(([c]) => c);
  };
}
