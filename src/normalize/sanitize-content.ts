import sanitizeHtml from 'sanitize-html';
import type { Item, StoryItem } from '../domain/index.ts';
import { resolveUrl } from './canonical-url.ts';

const ALLOWED_TAGS = [...sanitizeHtml.defaults.allowedTags, 'img', 'figure', 'figcaption', 'picture'];

/**
 * The item as a story keeps and serves it: its publisher's HTML sanitized into contentHtml. Run
 * once per story, when it is stored: sanitizing costs more than parsing the feed did, and a copy
 * of a story or an entry seen before is never served, so it never needs it.
 */
export function sanitizeItem(item: Item): StoryItem {
  // The plain text was for dedupe and classification; the sanitized content says the same.
  const { publisherHtml, text, ...rest } = item;
  const story: StoryItem = rest;
  // Only this function's output is served as HTML, whatever else the object handed in carried.
  delete story.contentHtml;
  const contentHtml = publisherHtml ? sanitizeContent(publisherHtml.html, publisherHtml.base) : '';
  return contentHtml ? { ...story, contentHtml } : story;
}

/**
 * HTML safe to re-serve: no script, style, iframe, object or form, no event handlers, only
 * http(s) and mailto URLs, relative URLs made absolute against `base`, links rel="noopener".
 */
export function sanitizeContent(html: string, base: string): string {
  // Plain text needs no parser: nothing in it can be markup.
  if (!/[<>&]/.test(html)) return html.trim();
  return sanitizeHtml(html, {
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
  }).trim();
}

// mailto: links pass through; anything else unresolvable becomes empty and is dropped by the scheme check.
function absolute(href: string | undefined, base: string): string {
  if (!href) return '';
  if (/^mailto:/i.test(href.trim())) return href.trim();
  return resolveUrl(href, base) ?? '';
}
