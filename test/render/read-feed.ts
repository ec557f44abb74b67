import { Readable } from 'node:stream';
import { decodeHTML } from 'entities';
import FeedParser from 'feedparser';
import { DomUtils, parseDocument } from 'htmlparser2';
import Parser from 'rss-parser';

/** An element of a parsed XML document. */
export type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

type Attributed = { _?: string; $: Record<string, string> };

/** An item as rss-parser reads it, with the extra fields wirefeed writes. */
export type ParsedItem = Parser.Item & {
  id?: string;
  summary?: string;
  source?: string;
  'dc:creator'?: string;
  'content:encoded'?: string;
  category?: Attributed[];
  authors?: Array<{ name: string[]; uri?: string[] }>;
};

/** rss-parser as a reader app would set it up, keeping every category and Atom author. */
export const rssParser = new Parser<Record<string, unknown>, ParsedItem>({
  customFields: {
    feed: ['ttl', 'generator', 'language'],
    item: ['source', ['category', 'category', { keepArray: true }], ['author', 'authors', { keepArray: true }]],
  } as never,
});

/** A document as the npm `feedparser` package reads it. */
export async function readWithFeedparser(xml: string): Promise<{ meta: FeedParser.Meta; items: FeedParser.Item[] }> {
  const parser = new FeedParser({});
  Readable.from([xml]).pipe(parser);
  const items: FeedParser.Item[] = [];
  for await (const item of parser) items.push(item);
  return { meta: parser.meta, items };
}

/** The text a browser shows for an HTML fragment. */
export function htmlText(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, ''));
}

/** An XML document as elements, for checking what the markup itself says. */
export function xmlElements(xml: string, name: string): Element[] {
  return DomUtils.getElementsByTagName(name, parseDocument(xml, { xmlMode: true }).children, true);
}

/** The text of an XML element, entities and CDATA decoded. */
export function textOf(element: Element): string {
  return DomUtils.textContent(element);
}

/** The direct children of `element` named `name`. */
export function childrenNamed(element: Element, name: string): Element[] {
  return element.children.filter((child): child is Element => 'name' in child && child.name === name);
}

/** The first direct child of `element` named `name`. */
export function child(element: Element | undefined, name: string): Element | undefined {
  return element ? childrenNamed(element, name)[0] : undefined;
}

/** The texts of the direct children of `element` named `name`. */
export function texts(element: Element, name: string): string[] {
  return childrenNamed(element, name).map(textOf);
}

/** An attribute of an element, if both are there. */
export function attribute(element: Element | undefined, name: string): string | undefined {
  return element?.attribs[name];
}
