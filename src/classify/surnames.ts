import type { Words } from './tokenize.ts';
import type { Gazetteer } from './types.ts';

// Capitalised words that come before a country's name without being a given name: place modifiers
// ("Southern Jordan"), sentence openers ("In Jordan"), adjectives and outlets ("Tiny Israel", "Radio Chad").
const NOT_GIVEN_NAMES: ReadonlySet<string> = new Set([
  ...['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'northeast'],
  ...['northwest', 'southeast', 'southwest', 'upper', 'lower', 'greater', 'inner', 'outer', 'mid', 'middle'],
  ...['new', 'old', 'modern', 'ancient', 'rural', 'coastal', 'tiny', 'little', 'small', 'poor', 'rich', 'whole'],
  ...['independent', 'nearby', 'arid', 'royal', 'state', 'national', 'radio', 'television', 'air'],
  ...['the', 'a', 'an', 'in', 'on', 'at', 'to', 'from', 'of', 'for', 'by', 'with', 'and', 'but', 'or', 'nor'],
  ...['as', 'if', 'when', 'while', 'after', 'before', 'since', 'until', 'unlike', 'like', 'about', 'against'],
  ...['between', 'into', 'through', 'across', 'near', 'both', 'all', 'only', 'even', 'then', 'also', 'that'],
  ...['this', 'these', 'those', 'its', 'their', 'our', 'his', 'her', 'because', 'although', 'though', 'whether'],
  ...['where', 'why', 'how', 'what', 'which', 'who', 'meanwhile', 'however', 'including', 'said', 'says'],
]);
// Endings of adjectives and participles that open a sentence before a country ("Landlocked Chad").
const ADJECTIVE_ENDING = /(?:ed|ing|ern|ous|ful|less|ese|ish)$/;
// Forms of address: what follows is a surname, whatever punctuation sits between ("Mr. Jordan").
const HONORIFICS: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'dr', 'rep', 'sen', 'gov']);

/** Word i reads as a given name: capitalised, no comma after it, and neither a place nor a place's modifier. */
export function looksLikeGivenName(words: Words, i: number, gazetteer: Gazetteer): boolean {
  if (i < 0 || words.shape(i) !== 'title' || words.commaAfter(i)) return false;
  const key = words.norm(i);
  if (NOT_GIVEN_NAMES.has(key) || ADJECTIVE_ENDING.test(key)) return false;
  // "Amman Jordan", "New Jordan": a place or the start of a longer place name; "Hamilton" (a word
  // the gazetteer only stops) can still be a given name.
  const entry = gazetteer.index.get(key);
  return !entry || (!entry.continues && !entry.places?.some((p) => p.country));
}

/** Word i is a country's name used as a surname: "Michael Jordan", "Rep. Steve Israel", "Mr. Jordan". */
export function isSurname(words: Words, i: number, gazetteer: Gazetteer): boolean {
  if (!gazetteer.phrases.get(words.norm(i))?.some((p) => p.personName)) return false;
  if (HONORIFICS.has(words.norm(i - 1))) return true;
  return !words.sentenceStart(i) && looksLikeGivenName(words, i - 1, gazetteer);
}

/**
 * Names of countries a story uses as someone's surname. Once "Michael Jordan" is in the text,
 * a bare "Jordan" elsewhere in the story is him too. Read in running text only: a Title Case
 * headline capitalises every word, so its "Visits Jordan" says nothing about names.
 */
export function findSurnames(words: Words, gazetteer: Gazetteer): Set<string> {
  const surnames = new Set<string>();
  for (let i = 1; i < words.count; i++) {
    if (words.shape(i) === 'title' && isSurname(words, i, gazetteer)) surnames.add(words.norm(i));
  }
  return surnames;
}
