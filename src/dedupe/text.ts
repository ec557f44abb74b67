import { decodeHTML } from 'entities';

/** A story's text reduced to what outlets keep when they republish it. */
export interface StoryText {
  /** Content words of the headline, without outlet names, tickers and update markers. */
  titleWords: string[];
  /** Words of the body after the dateline, without credits and copyright lines. */
  bodyWords: string[];
  /** Day of the month in the dateline ("NEW YORK, March 2 -"), 0 when there is none. */
  datelineDay: number;
  /** The company ticker a wire headline names ("ALDER TOOL <ATI> SETS DIVIDEND" → "ATI"), '' when none. */
  ticker: string;
}

// Only real tag names: Reuters writes company names as "<Battery Group Ltd>" in plain text.
const TAG_NAMES =
  'p|div|span|a|img|br|hr|figure|figcaption|em|strong|b|i|u|s|ul|ol|li|h[1-6]|blockquote|section|article|main|aside|nav|small|big|sup|sub|' +
  'table|thead|tbody|tfoot|tr|td|th|caption|header|footer|time|font|cite|q|code|pre|picture|source|abbr|acronym|mark|ins|del|dfn|kbd|samp|var|bdi|bdo|wbr|data|dl|dt|dd|center';
const TAG = new RegExp(`<(script|style)\\b[\\s\\S]*?<\\/\\1\\s*>|<!--[\\s\\S]*?-->|<\\/?(?:${TAG_NAMES})(?:\\s[^>]*)?\\/?>`, 'gi');
const HAS_HTML = new RegExp(`<\\/?(?:${TAG_NAMES})(?:\\s[^>]*)?\\/?>|&(?:[a-z]+|#\\d+|#x[\\da-f]+);`, 'i');
const BLOCK = /<\/(?:p|div|li|h[1-6]|figure|figcaption|blockquote|section|article)\s*>|<br\s*\/?>/gi;
// Outlets show `<TICKER>` as text: decoded entities must not be taken for tags.
const TICKER = /<[A-Z0-9.]{1,8}>|\([A-Z0-9.]{1,8}\)/g;
// Reuters writes the subject company's ticker in angle brackets in the headline (decoded or not).
const HEADLINE_TICKER = /(?:<|&lt;)([A-Z0-9.]{1,8})(?:>|&gt;)/;
const SMART = /[\u2018\u2019\u201A\u201B\u2032]/g;
const SMART_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const DASH = /[\u2012\u2013\u2014\u2015\u2212]/g;
const TYPOGRAPHY = /[\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u201F\u2033\u2012\u2013\u2014\u2015\u2212\u00a0]/;

const TITLE_PREFIX = /^\s*(?:(?:update|corrected|refile|rpt|repeat|correction|urgent|flash|exclusive|analysis|talking point)\s*\d*\s*[-:/|]\s*)+/i;
const TITLE_SUFFIX = /\s*(?:[|\u2013\u2014-]\s*[^|\u2013\u2014-]{1,40}|\((?:reuters|ap|afp|update \d+)\)|\[[^\]]{1,40}\])\s*$/i;
const STOPWORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'to', 'with', 'is', 'its']);
const OUTLET_WORD = /^(?:reuters|outlet|ap|afp|news|wire|the)$/i;

// "NEW YORK, Feb 26 - ", "Phoenix, Ariz., Feb. 26 (Reuters) — ", "LONDON (Reuters) – ".
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATELINE = new RegExp(`^\\s*[A-Za-z][^\\n]{0,60}?(?:,?\\s*${MONTH}\\s+\\d{1,2})?\\s*(?:\\((?:reuters|ap|afp)\\))?\\s*-{1,2}\\s+`, 'i');
const DAY = new RegExp(`${MONTH}\\s+(\\d{1,2})\\b`, 'i');
const DATELINE_HINT = new RegExp(`${MONTH}\\s+\\d{1,2}\\s*(?:\\(|-)|\\((?:reuters|ap|afp)\\)|^[A-Z][A-Z .,'/]{2,40}\\s*-`, 'i');
// What outlets add around a story: credits, copyright sentences, captions, correction notes, sign-off.
const COPYRIGHT = /\u00a9|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|(?:republished|redistribution|republication)\b.*\bwithout\b/i;
const SENTENCE_END = /(?<=[.!?\n])\s+/;
const SENTENCE_ENDS = /(?<=[.!?\n])\s+/g;
// Only the start of a body is fingerprinted; longer texts are cut before the regexes run.
const MAX_BODY_CHARS = 1600;
const ADDED =
  /\(?\b(?:additional )?(?:reporting|writing|editing|compiled|edited) by\b[^()\n]*\)?|\(corrects?\b[^)]*\)|\bfile photo\.?|\bread more\b[^.\n]*\./gi;
// Reuters shorthand that outlets spell out: both spellings read the same.
const SHORTHAND = new Map([
  ['million', 'mln'],
  ['billion', 'bln'],
  ['percent', 'pct'],
  ['dollars', 'dlrs'],
  ['dollar', 'dlr'],
  ['cents', 'cts'],
  ['cent', 'ct'],
]);

/** Plain text of a fragment that may be HTML, with quotes and dashes made plain. */
export function plainText(input: string): string {
  const text = HAS_HTML.test(input) ? decodeHTML(input.replace(BLOCK, '$&\n').replace(TAG, ' ')) : input;
  // Most wire copy is plain ASCII: one scan spares four replacing passes.
  if (!TYPOGRAPHY.test(text)) return text;
  return text
    .replace(SMART, "'")
    .replace(SMART_DOUBLE, '"')
    .replace(DASH, '-')
    .replace(/\u00a0/g, ' ');
}

/** The normalized words of a headline and a body, as near-duplicate detection compares them. */
export function storyText(title: string, body: string): StoryText {
  const { words, day } = bodyWords(body);
  return { titleWords: titleWords(title), bodyWords: words, datelineDay: day, ticker: HEADLINE_TICKER.exec(title)?.[1] ?? '' };
}

function titleWords(title: string): string[] {
  let line = plainText(title).replace(TICKER, ' ').replace(/\s+/g, ' ').trim();
  line = line.replace(TITLE_PREFIX, '');
  for (let i = 0; i < 2; i++) {
    const stripped = line.replace(TITLE_SUFFIX, '');
    // A suffix is an outlet's name only when what remains still reads as a headline.
    if (stripped.split(' ').length >= 2) line = stripped;
  }
  return words(line).filter((w) => !OUTLET_WORD.test(w) && !STOPWORDS.has(w));
}

function bodyWords(body: string): { words: string[]; day: number } {
  let text = plainText(body.slice(0, MAX_BODY_CHARS)).replace(TICKER, ' ');
  // Most bodies have no copyright line: one test of the whole text spares splitting it into sentences.
  if (COPYRIGHT.test(text))
    text = text
      .split(SENTENCE_END)
      .filter((sentence) => !COPYRIGHT.test(sentence))
      .join(' ');
  // Without a line break this only respaces what the collapse below respaces anyway; with one, it
  // decides where a credit line (which stops at a break) ends.
  else if (text.includes('\n')) text = text.replace(SENTENCE_ENDS, ' ');
  text = text.replace(ADDED, ' ');
  text = withoutSignOff(text);
  text = text.replace(/\s+/g, ' ').trim();
  let day = 0;
  if (DATELINE_HINT.test(text.slice(0, 90))) {
    const dateline = DATELINE.exec(text)?.[0] ?? '';
    day = Number(DAY.exec(dateline)?.[1] ?? 0);
    text = text.slice(dateline.length);
  }
  return { words: words(text), day };
}

// The agency's "Reuter" sign-off, found from the end: a `/\breuter\s*$/` pattern would scan the whole text.
function withoutSignOff(text: string): string {
  const end = text.trimEnd();
  if (end.length < 6 || end.slice(-6).toLowerCase() !== 'reuter' || /\w/.test(end.charAt(end.length - 7))) return text;
  return `${end.slice(0, -6)} `;
}

/** Lower-cased words and numbers; shorthand spelled one way; thousands separators dropped. */
export function words(text: string): string[] {
  let lowered = text.toLowerCase();
  // Each rewrite only where it can apply: most texts have neither.
  if (lowered.includes(',')) lowered = lowered.replace(/(\d),(\d{3})\b/g, '$1$2');
  if (lowered.includes('per cent')) lowered = lowered.replace(/\bper cent\b/g, 'pct');
  const tokens = lowered.match(/[a-z0-9]+(?:[.'/-][a-z0-9]+)*/g) ?? [];
  return tokens.map(normalizeToken);
}

// "U.S." and "US" are one word; "1.19" keeps its point; "company's" is "company".
function normalizeToken(token: string): string {
  const short = SHORTHAND.get(token);
  if (short !== undefined) return short;
  if (!token.includes("'") && !token.includes('.')) return token;
  // "u.s.-soviet" reads as "us-soviet": a point between letters, or after one before a hyphen, goes.
  return token
    .replace(/'s$/, '')
    .replace(/([a-z])\.(?=[a-z-])/g, '$1')
    .replace(/'/g, '');
}
