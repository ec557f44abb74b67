/** XML text after lenient fixes, and which fixes changed anything. */
export interface RepairedXml {
  text: string;
  fixes: string[];
}

// Characters XML 1.0 forbids outright; some publishers' CMSs leak them from pasted text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// An ampersand that does not start an entity or character reference ("Tom & Jerry", "?a=1&b=2").
const BARE_AMPERSAND = /&(?!(?:[A-Za-z][\w.-]*|#\d+|#x[\dA-Fa-f]+);)/g;
// A "<" that cannot open a tag, comment, CDATA or processing instruction ("A < B" in a title).
const BARE_LESS_THAN = /<(?![A-Za-z_:/!?])/g;
const LEADING_JUNK = /^[\s\uFEFF]+(?=<)/;

/** `text` without the control characters XML forbids, and how many there were. */
export function stripControlChars(text: string): { text: string; removed: number } {
  let removed = 0;
  const stripped = text.replace(CONTROL_CHARS, () => {
    removed += 1;
    return '';
  });
  return { text: stripped, removed };
}

/** The lenient second attempt: escapes bare `&` and `<`, trims junk before the first tag. */
export function repairXml(text: string): RepairedXml {
  const fixes: string[] = [];
  let repaired = text;
  const apply = (pattern: RegExp, replacement: string, fix: string) => {
    const next = repaired.replace(pattern, replacement);
    if (next !== repaired) fixes.push(fix);
    repaired = next;
  };
  apply(LEADING_JUNK, '', 'leading whitespace removed');
  apply(BARE_AMPERSAND, '&amp;', 'bare ampersands escaped');
  apply(BARE_LESS_THAN, '&lt;', 'bare less-than signs escaped');
  return { text: repaired, fixes };
}
