import { foreignHits } from './foreign-forms.ts';
import { isSurname } from './surnames.ts';
import type { Words } from './tokenize.ts';
import type { Gazetteer, Place } from './types.ts';

/** A gazetteer phrase found in the text, with the meanings still possible there. */
export interface Mention {
  places: Place[];
  /** The words as written, e.g. "Kuril Islands". */
  text: string;
  first: number;
  last: number;
}

/** Where the words come from, which decides how carefully they are read. */
export interface MatchContext {
  /** All-capitals text (a wire headline): capitals tell nothing. */
  caseless: boolean;
  /** Cities smaller than this count only in a dateline. */
  minCityPopulation: number;
  /** The text's language, for Latin-script foreign names. */
  language?: string | undefined;
  /** Country names the story uses as someone's surname ("jordan" after "Michael Jordan"). */
  surnames?: ReadonlySet<string>;
}

/** True when a meaning holds in text of this language: Latin-script foreign names only count in theirs. */
export function readsIn(place: Place, language: string | undefined): boolean {
  return !place.language || (language?.startsWith(place.language) ?? false);
}

// "Michael Jordan", "Chad Smith": a given name right before, or a capitalised word right after, inside a sentence.
function nextToPersonName(words: Words, first: number, last: number, gazetteer: Gazetteer): boolean {
  const after = last + 1;
  if (first === last && isSurname(words, first, gazetteer)) return true;
  return (
    !words.commaAfter(last) && after < words.count && words.shape(after) === 'title' && !words.sentenceStart(after) && !gazetteer.index.has(words.norm(after))
  );
}

function allUpper(words: Words, first: number, last: number): boolean {
  for (let i = first; i <= last; i++) if (words.shape(i) !== 'upper') return false;
  return true;
}

function keep(place: Place, words: Words, first: number, last: number, ctx: MatchContext, gazetteer: Gazetteer): boolean {
  if (place.type === 'city' && place.population < ctx.minCityPopulation) return false;
  if (!readsIn(place, ctx.language)) return false;
  // A name the story gives a person is the person everywhere in it, capitals or not.
  if (place.personName && first === last && ctx.surnames?.has(words.norm(first))) return false;
  if (ctx.caseless) return true;
  if (words.shape(first) === 'lower') return false;
  if (place.upperOnly && !allUpper(words, first, last)) return false;
  // A single-word city at a sentence start may just be a capitalised word ("Reading the …").
  if (place.type === 'city' && first === last && words.sentenceStart(first)) return false;
  return !(place.personName && nextToPersonName(words, first, last, gazetteer));
}

// Longest phrase starting at word i, extending only while the words so far begin some phrase.
function lookup(words: Words, i: number, gazetteer: Gazetteer): { places: Place[]; last: number } | undefined {
  let key = words.norm(i);
  let places: Place[] | undefined;
  let last = i;
  for (let k = i; k < words.count;) {
    const entry = gazetteer.index.get(key);
    if (!entry) break;
    if (entry.places) {
      places = entry.places;
      last = k;
    }
    if (!entry.continues) break;
    k += 1;
    key = `${key} ${words.norm(k)}`;
  }
  return places && { places, last };
}

/** Finds place names in words [from, to): longest phrase first, each word used once. */
export function findMentions(words: Words, from: number, to: number, ctx: MatchContext, gazetteer: Gazetteer): Mention[] {
  const mentions: Mention[] = [];
  for (let i = from; i < to; i++) {
    // In mixed-case text no place starts with a lower-case word; skipping them saves most lookups.
    if (!ctx.caseless && words.shape(i) === 'lower') continue;
    const hit = lookup(words, i, gazetteer);
    if (!hit && !words.isAscii(i)) {
      for (const f of foreignHits(words, i, gazetteer)) mentions.push({ places: f.places, text: f.text, first: i, last: i });
    }
    if (!hit || hit.last >= to) continue;
    const places = hit.places.filter((p) => keep(p, words, i, hit.last, ctx, gazetteer));
    if (places.length > 0 && places.some((p) => p.country)) {
      mentions.push({ places, text: words.text.slice(words.start[i], words.end[hit.last]), first: i, last: hit.last });
    }
    // A "none" phrase still consumes its words, so "Latin America" never yields "America".
    if (places.length > 0 || hit.places.every((p) => p.type === 'none')) i = hit.last;
  }
  return mentions;
}
