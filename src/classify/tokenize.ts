/** How a word is written; capitals tell place names from ordinary words. */
export type Shape = 'upper' | 'title' | 'lower';

const SHAPES: readonly Shape[] = ['lower', 'title', 'upper'];
const COMMA_AFTER = 4;
const SENTENCE_START = 8;
const NOT_ASCII = 16;
const HAS_UPPER = 32;

/**
 * The words of a text, as parallel arrays rather than an object per word: running text has many
 * words and few are ever looked at, so a word's key form is only built when asked for.
 */
export class Words {
  count = 0;
  // Plain arrays of small integers: cheaper to grow than typed arrays are to allocate per story.
  readonly start: number[] = [];
  readonly end: number[] = [];
  private readonly flags: number[] = [];
  private readonly keys: (string | undefined)[] = [];

  constructor(readonly text: string) {}

  /** Lower case, accents removed: the gazetteer's key form of word i ('' past the end). */
  norm(i: number): string {
    if (i < 0 || i >= this.count) return '';
    const known = this.keys[i];
    if (known !== undefined) return known;
    const word = this.text.slice(this.start[i], this.end[i]);
    const flags = this.flags[i] ?? 0;
    // A lower-case ASCII word already is its key; most words of running text are.
    const key = flags & NOT_ASCII ? normalizeWord(word) : flags & HAS_UPPER ? word.toLowerCase() : word;
    this.keys[i] = key;
    return key;
  }

  /** How word i is written. */
  shape(i: number): Shape {
    return SHAPES[(this.flags[i] ?? 0) & 3] ?? 'lower';
  }

  /** Word i opens a sentence, where a capital says nothing. */
  sentenceStart(i: number): boolean {
    return ((this.flags[i] ?? 0) & SENTENCE_START) !== 0;
  }

  /** Word i is plain ASCII, so no foreign-script rule applies to it. */
  isAscii(i: number): boolean {
    return ((this.flags[i] ?? 0) & NOT_ASCII) === 0;
  }

  /** A comma follows word i. */
  commaAfter(i: number): boolean {
    return ((this.flags[i] ?? 0) & COMMA_AFTER) !== 0;
  }

  /** Appends a word; the scanner's only way in. */
  push(start: number, end: number, flags: number): void {
    this.start.push(start);
    this.end.push(end);
    this.flags.push(flags);
    this.count += 1;
  }

  /** Marks the last word as followed by a comma. */
  markCommaAfter(): void {
    if (this.count > 0) this.flags[this.count - 1] = (this.flags[this.count - 1] ?? 0) | COMMA_AFTER;
  }
}

// Letters, marks and digits outside ASCII; apostrophes, periods and hyphens split words ("U.S." → "U", "S").
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const NON_ASCII = /[^\p{ASCII}]/u;
const MARKS = /\p{M}+/gu;
const LOWER_LETTER = /\p{Ll}/u;

/** The key form of a word: lower case without accents, so "Côte" and "Cote" meet. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}

/** The key form of a phrase: its words' key forms joined by single spaces. */
export function normalizePhrase(phrase: string): string {
  const words = tokenize(phrase);
  const keys: string[] = [];
  for (let i = 0; i < words.count; i++) keys.push(words.norm(i));
  return keys.join(' ');
}

// Length of the word character at i (2 for a surrogate pair), or 0 when it is not one.
function wordCharAt(text: string, i: number, code: number): number {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? 1 : 0;
  if (code >= 0xd800 && code <= 0xdbff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  return WORD_CHAR.test(text[i] ?? '') ? 1 : 0;
}

function isLowerAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return code >= 97 && code <= 122;
  const ch = text[i] ?? '';
  return ch !== ch.toUpperCase();
}

// Scripts without case (Chinese, Arabic) and digits count as capitals: nothing to tell from them.
function shapeOf(text: string, start: number, end: number): number {
  if (isLowerAt(text, start)) return 0;
  // The last letter tells "USA" from "Usa" without building an upper-case copy.
  return isLowerAt(text, end - 1) ? 1 : 2;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 160;
}

// . ! ? : and " end a sentence; the gap's last non-space character decides.
function endsSentence(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 58 || code === 34;
}

/**
 * Splits a text into words once, with a hand-written scanner rather than a regular expression;
 * every later step works on these tokens.
 */
export function tokenize(text: string): Words {
  const words = new Words(text);
  const n = text.length;
  let gapFirst = -1;
  let gapLast = -1;
  for (let i = 0; i < n;) {
    const code = text.charCodeAt(i);
    let width = wordCharAt(text, i, code);
    if (width === 0) {
      if (!isSpace(code)) {
        if (gapFirst < 0) gapFirst = code;
        gapLast = code;
      }
      i += 1;
      continue;
    }
    const start = i;
    let flags = 0;
    while (width > 0) {
      const c = text.charCodeAt(i);
      if (c >= 128) flags |= NOT_ASCII;
      else if (c <= 90 && c >= 65) flags |= HAS_UPPER;
      i += width;
      width = i < n ? wordCharAt(text, i, text.charCodeAt(i)) : 0;
    }
    if (gapFirst === 44) words.markCommaAfter();
    if (words.count === 0 || endsSentence(gapLast)) flags |= SENTENCE_START;
    words.push(start, i, flags | shapeOf(text, start, i));
    gapFirst = gapLast = -1;
  }
  if (gapFirst === 44) words.markCommaAfter();
  return words;
}

/** True when a text has no lower-case letters (wire headlines), so capitals carry no meaning. */
export function isAllCaps(text: string): boolean {
  return !LOWER_LETTER.test(text);
}
