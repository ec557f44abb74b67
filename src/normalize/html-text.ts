import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';

// Block-level boundaries become line breaks, so "<p>a</p><p>b</p>" reads "a\nb", not "ab".
const BLOCK_END = /<\/(?:p|div|li|h[1-6]|tr|blockquote|pre|figure|figcaption|section|article|ul|ol|table|dl|dt|dd|td|th)\s*>|<br\s*\/?>/gi;
const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/** Plain text of an HTML fragment: tags dropped (script/style with their text), entities decoded. */
export function htmlToText(html: string | undefined): string {
  if (!html) return '';
  // Most titles and many summaries are plain text: the HTML parser has nothing to do there.
  if (!/[<&]/.test(html)) return collapseLines(html);
  return textFromEscaped(sanitizeHtml(html.replace(BLOCK_END, '$&\n'), { allowedTags: [], allowedAttributes: {} }));
}

/** Plain text of HTML-escaped text (tags already gone): entities decoded, whitespace collapsed per line. */
export function textFromEscaped(escaped: string): string {
  let text = decodeHTML(escaped);
  // Publishers that escape twice ("&amp;amp;") leave entities behind after one decoding.
  if (ENTITY.test(text)) text = decodeHTML(text);
  return collapseLines(text);
}

function collapseLines(text: string): string {
  // Runs of spaces become one; a line break with any blank lines and spaces around it becomes one.
  return text.replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\n ]*/g, '\n').trim();
}

/** Plain text on one line, e.g. for titles. */
export function htmlToLine(html: string | undefined): string {
  return htmlToText(html).replace(/\n/g, ' ');
}

/** `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut. */
export function truncateAtWord(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  // The cut may land right after a whole word; otherwise go back to the last space.
  const space = line[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  // A single very long word is cut mid-word rather than leaving almost nothing.
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.-]+$/, '')}…`;
}
