import type { FeedFormat } from './types.ts';

const PROLOG = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i;
const ELEMENT_NAME = /^<([A-Za-z_][\w.:-]*)/;
const ROOT_FORMATS: Record<string, FeedFormat> = { rss: 'rss', feed: 'atom', rdf: 'rdf' };
// A feed root inside an XHTML page: `<feed xmlns="…Atom">`, `<rss …>`, `<rdf:RDF …>`.
const EMBEDDED_ROOT = /<(feed|rss|[A-Za-z]+:RDF)[\s>]/;
const ENTRY_START = /<(?:[\w.-]+:)?(?:item|entry)[\s>]/;
const ENTRY_END = /<\/(?:[\w.-]+:)?(?:item|entry)\s*>/g;
const TAG = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** The document's root element name as written (prefix included), or undefined. */
export function rootName(text: string): string | undefined {
  return ELEMENT_NAME.exec(text.slice(PROLOG.exec(text)?.[0].length ?? 0))?.[1];
}

/** The root element's start tag as written (`<rss version="2.0" …>`), or undefined. */
export function rootTag(text: string): string | undefined {
  const start = PROLOG.exec(text)?.[0].length ?? 0;
  return /^<[A-Za-z_](?:[^>"']|"[^"]*"|'[^']*')*>/.exec(text.slice(start, start + 4096))?.[0];
}

/** The feed family a root element names (`rss`, `feed`, `rdf:RDF`, prefixed `r:rss`), if any. */
export function rootFormat(name: string | undefined): FeedFormat | undefined {
  const local = name?.split(':').pop()?.toLowerCase();
  return local ? ROOT_FORMATS[local] : undefined;
}

/** The feed element of an XHTML page that wraps one (some CMSs serve Atom inside `<html><body>`). */
export function unwrapEmbeddedFeed(text: string): string | undefined {
  if (rootName(text)?.toLowerCase() !== 'html') return undefined;
  const match = EMBEDDED_ROOT.exec(text);
  if (!match) return undefined;
  const name = match[1]!;
  const end = text.lastIndexOf(`</${name}>`);
  return text.slice(match.index, end < 0 ? undefined : end + name.length + 3);
}

/** True when the root element is never closed: the server stopped mid-document. */
export function isTruncated(text: string): boolean {
  const name = rootName(text);
  if (name === undefined || !rootFormat(name)) return false;
  // Read backwards: trailing whitespace and comments (a server's error note) are allowed after the root.
  let tail = text.trimEnd();
  while (tail.endsWith('-->') && tail.lastIndexOf('<!--') >= 0) tail = tail.slice(0, tail.lastIndexOf('<!--')).trimEnd();
  return !tail.endsWith(`</${name}>`) && !new RegExp(`</${name.replace(/\./g, '\\.')}\\s+>$`).test(tail.slice(-name.length - 64));
}

/** Offsets just after each `</item>` / `</entry>`, in document order. */
export function entryEnds(text: string): number[] {
  return [...text.matchAll(ENTRY_END)].map((match) => match.index + match[0].length);
}

/** The document cut at `end` with every element still open there closed again, so what precedes parses. */
export function closeAt(text: string, end: number): string {
  const head = text.slice(0, end);
  return (
    head +
    openElements(head)
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
}

/**
 * The document with every element left open before the first item closed there, so items that an
 * unclosed channel element (`<itunes:category>` without its end tag) swallowed become the
 * channel's again. Undefined when nothing before the first item is left open.
 */
export function reparentEntries(text: string): string | undefined {
  const first = ENTRY_START.exec(text)?.index;
  const ends = entryEnds(text);
  const last = ends[ends.length - 1];
  if (first === undefined || last === undefined || last < first) return undefined;
  const open = openElements(text.slice(0, first));
  // Items belong in the RSS channel, else directly in the root (Atom feed, rdf:RDF).
  const channel = open.findIndex((name) => name.split(':').pop() === 'channel');
  const keep = channel >= 0 && rootFormat(open[0]) === 'rss' ? channel + 1 : 1;
  if (open.length <= keep) return undefined;
  const close = (names: string[]) =>
    names
      .reverse()
      .map((name) => `</${name}>`)
      .join('');
  return text.slice(0, first) + close(open.slice(keep)) + text.slice(first, last) + close(open.slice(0, keep));
}

// The elements open at the end of `text`, outermost first; CDATA, comments and PIs are skipped.
function openElements(text: string): string[] {
  const stack: string[] = [];
  for (const match of text.matchAll(TAG)) {
    const [, closing, name, selfClosing] = match;
    if (!name || selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.lastIndexOf(name) >= 0) stack.length = stack.lastIndexOf(name);
  }
  return stack;
}
