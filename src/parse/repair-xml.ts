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
const LEADING_JUNK = /^[\s\uFEFF]+(?=<)/;

/** The lenient second attempt: drops control characters, escapes bare `&`, trims junk before the first tag. */
export function repairXml(text: string): RepairedXml {
  const fixes: string[] = [];
  let repaired = text;
  const apply = (pattern: RegExp, replacement: string, fix: string) => {
    const next = repaired.replace(pattern, replacement);
    if (next !== repaired) fixes.push(fix);
    repaired = next;
  };
  apply(LEADING_JUNK, '', 'leading whitespace removed');
  apply(CONTROL_CHARS, '', 'control characters removed');
  apply(BARE_AMPERSAND, '&amp;', 'bare ampersands escaped');
  return { text: repaired, fixes };
}
