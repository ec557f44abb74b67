// Both stores match `q` the same way: words folded to lower case without accents, so "Kuril",
// "KURIL" and "Kúril" are one word, and "São Paulo" is found by "sao paulo".
const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** The folded words of a text, in order, each once. */
export function searchWords(text: string): string[] {
  const folded = text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  return [...new Set(folded.match(WORD) ?? [])];
}
