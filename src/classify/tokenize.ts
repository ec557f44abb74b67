/** How a word is written; capitals tell place names from ordinary words. */
export type Shape = 'upper' | 'title' | 'lower';

/** One word of a text, with what matching needs to know about it. */
export interface Token {
  /** Lower case, accents removed: the gazetteer's key form. */
  norm: string;
  /** The word as written. */
  raw: string;
  start: number;
  end: number;
  shape: Shape;
  /** First word of a sentence, where a capital says nothing. */
  sentenceStart: boolean;
  commaAfter: boolean;
}

// Letters and digits; apostrophes, periods and hyphens split words ("U.S." → "U", "S").
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const NON_ASCII = /[^\p{ASCII}]/u;
const MARKS = /\p{M}+/gu;

/** The key form of a word: lower case without accents, so "Côte" and "Cote" meet. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}

/** The key form of a phrase: its words' key forms joined by single spaces. */
export function normalizePhrase(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.norm)
    .join(' ');
}

function shapeOf(word: string): Shape {
  const first = word[0] ?? '';
  // Scripts without case (Chinese, Arabic) and digits count as capitals: nothing to tell from them.
  if (first === first.toLowerCase() && first !== first.toUpperCase()) return 'lower';
  // The last letter tells "USA" from "Usa" without building an upper-case copy.
  const last = word[word.length - 1] ?? '';
  return last === last.toLowerCase() && last !== last.toUpperCase() ? 'title' : 'upper';
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 160;
}

const SENTENCE_END = new Set(['.', '!', '?', ':', '"']);

// Looks at the first and last non-space characters of the gap between two words.
function gapBetween(text: string, from: number, to: number): { comma: boolean; sentence: boolean } {
  let first = -1;
  let last = -1;
  for (let i = from; i < to; i++) {
    if (isSpace(text.charCodeAt(i))) continue;
    if (first < 0) first = i;
    last = i;
  }
  return { comma: first >= 0 && text[first] === ',', sentence: last >= 0 && SENTENCE_END.has(text[last] ?? '') };
}

/** Splits a text into words once; every later step works on these tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = m.index;
    const gap = gapBetween(text, previousEnd, start);
    const previous = tokens[tokens.length - 1];
    if (previous) previous.commaAfter = gap.comma;
    const sentenceStart = !previous || gap.sentence;
    tokens.push({ norm: normalizeWord(raw), raw, start, end: start + raw.length, shape: shapeOf(raw), sentenceStart, commaAfter: false });
    previousEnd = start + raw.length;
  }
  const last = tokens[tokens.length - 1];
  if (last) last.commaAfter = gapBetween(text, previousEnd, text.length).comma;
  return tokens;
}

/** True when a text has no lower-case letters (wire headlines), so capitals carry no meaning. */
export function isAllCaps(text: string): boolean {
  return text === text.toUpperCase();
}
