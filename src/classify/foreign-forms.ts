import type { Words } from './tokenize.ts';
import type { Gazetteer, Place } from './types.ts';

const CYRILLIC = /^\p{Script=Cyrillic}+$/u;
const ARABIC = /^\p{Script=Arabic}+$/u;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;

// Russian case endings, longest first, in key form ("й" has lost its breve: "ий" → "ии").
const RUSSIAN_ENDINGS = [
  'ями',
  'ами',
  'иях',
  'иям',
  'ией',
  'ии',
  'ия',
  'ию',
  'ие',
  'ой',
  'ей',
  'ом',
  'ем',
  'ам',
  'ям',
  'ах',
  'ях',
  'а',
  'я',
  'у',
  'ю',
  'е',
  'о',
  'ы',
  'и',
  'ь',
];
// Shorter stems ("мал" of "Мали") would match ordinary words ("мало").
const MIN_STEM = 4;

/** A Russian word without its case ending: "японии" and "япония" both give "япони". */
export function russianStem(key: string): string | undefined {
  if (!CYRILLIC.test(key)) return undefined;
  for (const ending of RUSSIAN_ENDINGS) {
    if (key.endsWith(ending) && key.length - ending.length >= MIN_STEM) return key.slice(0, -ending.length);
  }
  return key.length >= MIN_STEM ? key : undefined;
}

// Arabic writes "and", "in", "for", "so" and "like" as letters attached to the next word.
const ARABIC_PREFIXES = ['و', 'ف', 'ب', 'ل', 'ك'];

/** Forms of an Arabic word without its attached particles: "والعراق" → "العراق", "للعراق" → "العراق". */
export function arabicBareForms(key: string): string[] {
  if (!ARABIC.test(key)) return [];
  const forms: string[] = [];
  let rest = key;
  for (let n = 0; n < 2 && rest.length > 2 && ARABIC_PREFIXES.includes(rest[0] ?? ''); n++) {
    // "ل" before "ال" swallows its alif: "لل…" is "ل" + "ال…".
    if (rest.startsWith('لل')) forms.push(`ا${rest.slice(1)}`);
    rest = rest.slice(1);
    forms.push(rest);
  }
  return forms;
}

/** True for a key written in Chinese or Japanese characters, which need a substring scan. */
export function isCjk(key: string): boolean {
  return CJK.test(key);
}

/** A name found inside word i by a foreign-script rule. */
export interface ForeignHit {
  places: Place[];
  text: string;
}

function scanCjk(key: string, gazetteer: Gazetteer): ForeignHit[] {
  const hits: ForeignHit[] = [];
  for (let at = 0; at < key.length;) {
    let length = Math.min(gazetteer.cjkMaxLength, key.length - at);
    for (; length >= 2; length--) {
      const places = gazetteer.cjk.get(key.slice(at, at + length));
      if (places) {
        hits.push({ places, text: key.slice(at, at + length) });
        break;
      }
    }
    at += length >= 2 ? length : 1;
  }
  return hits;
}

/** Names in word i that need more than a lookup: Russian cases, Arabic particles, Chinese and Japanese runs. */
export function foreignHits(words: Words, i: number, gazetteer: Gazetteer): ForeignHit[] {
  const key = words.norm(i);
  const text = words.text.slice(words.start[i], words.end[i]);
  if (isCjk(key)) return scanCjk(key, gazetteer);
  const stem = russianStem(key);
  const stemmed = stem === undefined ? undefined : gazetteer.stems.get(stem);
  if (stemmed) return [{ places: stemmed, text }];
  for (const form of arabicBareForms(key)) {
    const places = gazetteer.index.get(form)?.places;
    if (places) return [{ places, text }];
  }
  return [];
}
