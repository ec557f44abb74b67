import type { Token } from './tokenize.ts';
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
}

function isCapitalised(t: Token | undefined): boolean {
  return t !== undefined && t.shape !== 'lower';
}

function isKnownWord(g: Gazetteer, word: string): boolean {
  return g.index.has(word);
}

// "Michael Jordan", "Chad Smith": a capitalised word right before or after, inside a sentence.
function nextToPersonName(tokens: Token[], first: number, last: number, gazetteer: Gazetteer): boolean {
  const before = tokens[first - 1];
  const after = tokens[last + 1];
  const self = tokens[first];
  if (self && !self.sentenceStart && isCapitalised(before) && !isKnownWord(gazetteer, before?.norm ?? '')) return true;
  const last_ = tokens[last];
  return !!last_ && !last_.commaAfter && after?.shape === 'title' && !after.sentenceStart && !isKnownWord(gazetteer, after.norm);
}

function keep(place: Place, tokens: Token[], first: number, last: number, ctx: MatchContext, gazetteer: Gazetteer): boolean {
  if (place.type === 'city' && place.population < ctx.minCityPopulation) return false;
  if (ctx.caseless) return true;
  if (tokens[first]?.shape === 'lower') return false;
  if (place.upperOnly && tokens.slice(first, last + 1).some((t) => t.shape !== 'upper')) return false;
  // A single-word city at a sentence start may just be a capitalised word ("Reading the …").
  if (place.type === 'city' && first === last && tokens[first]?.sentenceStart) return false;
  return !(place.personName && nextToPersonName(tokens, first, last, gazetteer));
}

// Longest phrase starting at word i, extending only while the words so far begin some phrase.
function lookup(tokens: Token[], i: number, gazetteer: Gazetteer): { places: Place[]; last: number } | undefined {
  let key = tokens[i]?.norm ?? '';
  let places: Place[] | undefined;
  let last = i;
  for (let k = i; k < tokens.length; ) {
    const entry = gazetteer.index.get(key);
    if (!entry) break;
    if (entry.places) [places, last] = [entry.places, k];
    if (!entry.continues) break;
    k += 1;
    key = `${key} ${tokens[k]?.norm ?? ''}`;
  }
  return places && { places, last };
}

/** Finds place names in tokens[from, to): longest phrase first, each word used once. */
export function findMentions(text: string, tokens: Token[], from: number, to: number, ctx: MatchContext, gazetteer: Gazetteer): Mention[] {
  const mentions: Mention[] = [];
  for (let i = from; i < to; i++) {
    // In mixed-case text no place starts with a lower-case word; skipping them saves most lookups.
    if (!ctx.caseless && tokens[i]?.shape === 'lower') continue;
    const hit = lookup(tokens, i, gazetteer);
    if (!hit || hit.last >= to) continue;
    const first = tokens[i];
    const lastToken = tokens[hit.last];
    const places = hit.places.filter((p) => keep(p, tokens, i, hit.last, ctx, gazetteer));
    if (places.length > 0 && places.some((p) => p.country) && first && lastToken) {
      mentions.push({ places, text: text.slice(first.start, lastToken.end), first: i, last: hit.last });
    }
    // A "none" phrase still consumes its words, so "Latin America" never yields "America".
    if (places.length > 0 || hit.places.every((p) => p.type === 'none')) i = hit.last;
  }
  return mentions;
}
