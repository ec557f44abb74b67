import sanitizeHtml from 'sanitize-html';
import { resolveUrl } from './canonical-url.ts';
import { BLOCKS, htmlToText, textFromEscaped } from './html-text.ts';

const ALLOWED_TAGS = [...sanitizeHtml.defaults.allowedTags, 'img', 'figure', 'figcaption', 'picture'];

/** Sanitized HTML and its plain text, from one pass of the sanitizer. */
export interface CleanContent {
  html: string;
  text: string;
}

/**
 * HTML safe to re-serve: no script, style, iframe, object or form, no event handlers, only
 * http(s) and mailto URLs, relative URLs made absolute against `base`, links rel="noopener" —
 * and its plain text, collected in the same pass (the sanitizer is most of normalize's cost).
 */
export function sanitizeContent(html: string, base: string): CleanContent {
  // Plain text needs no parser: nothing in it can be markup.
  if (!/[<>&]/.test(html)) return { html: html.trim(), text: htmlToText(html) };
  const chunks: string[] = [];
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      '*': ['lang', 'dir'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, href: absolute(attribs.href, base), rel: 'noopener' } }),
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, src: absolute(attribs.src, base) } }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    textFilter: (text) => {
      chunks.push(text);
      return text;
    },
    onOpenTag: (name) => {
      if (name === 'br') chunks.push('\n');
    },
    onCloseTag: (name) => {
      if (BLOCKS.has(name)) chunks.push('\n');
    },
  }).trim();
  return { html: clean, text: textFromEscaped(chunks.join('')) };
}

// mailto: links pass through; anything else unresolvable becomes empty and is dropped by the scheme check.
function absolute(href: string | undefined, base: string): string {
  if (!href) return '';
  if (/^mailto:/i.test(href.trim())) return href.trim();
  return resolveUrl(href, base) ?? '';
}
