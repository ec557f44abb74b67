import { distinctStamps, rfc3339 } from './dates.ts';
import { GENERATOR, type FeedView } from './feed-view.ts';
import { cdata, element, emptyElement, xmlAttribute, xmlPlainText } from './markup.ts';
import { categoriesOf, entryMedia, storyEntry, type StoryEntry } from './story-entry.ts';

/** The view as an Atom 1.0 document. */
export function renderAtom(view: FeedView): string {
  const entries = view.stories.map((story) => storyEntry(story, view.sources));
  const updated = distinctStamps(
    entries.map((entry) => entry.updated),
    entries.map((entry) => entry.id),
  );
  const lang = view.language ? ` xml:lang="${xmlAttribute(view.language)}"` : '';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${lang}>`,
    ...feedHead(view),
    ...entries.map((entry, index) => atomEntry(entry, updated[index] ?? rfc3339(entry.updated), view.language)),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

/** An Atom id (an IRI) for an opaque wirefeed id; the same id always gives the same URN. */
export function atomUrn(kind: 'feed' | 'story', id: string): string {
  return `urn:wirefeed:${kind}:${encodeURIComponent(id)}`;
}

function feedHead(view: FeedView): string[] {
  const head = [element('id', atomUrn('feed', view.id)), plain('title', view.title)];
  if (view.description) head.push(plain('subtitle', view.description));
  head.push(
    element('updated', rfc3339(view.updated)),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: view.selfUrls.atom }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: view.homeUrl }),
  );
  if (view.next) head.push(emptyElement('link', { rel: 'next', type: 'application/atom+xml', href: view.next.atom }));
  if (view.hub) head.push(emptyElement('link', { rel: 'hub', href: view.hub }));
  if (view.iconUrl) head.push(element('icon', view.iconUrl));
  head.push(element('generator', GENERATOR));
  // Every entry names its authors, so an empty feed is the only one that needs its own.
  if (view.stories.length === 0) head.push(`<author>${element('name', view.title, {}, xmlPlainText)}</author>`);
  return head;
}

function atomEntry(entry: StoryEntry, updated: string, feedLanguage: string | undefined): string {
  const lang = entry.language && entry.language !== feedLanguage ? ` xml:lang="${xmlAttribute(entry.language)}"` : '';
  const lines = [element('id', atomUrn('story', entry.id)), plain('title', entry.title)];
  if (entry.link) lines.push(emptyElement('link', { rel: 'alternate', href: entry.link }));
  lines.push(element('published', rfc3339(entry.published)), element('updated', updated));
  // The byline, then its outlet: an entry always names where it came from.
  if (entry.byline) lines.push(`<author>${element('name', entry.byline, {}, xmlPlainText)}</author>`);
  const outletUri = entry.outlet.url ? element('uri', entry.outlet.url) : '';
  lines.push(`<author>${element('name', entry.outlet.title, {}, xmlPlainText)}${outletUri}</author>`);
  for (const { scheme, term } of categoriesOf(entry)) lines.push(emptyElement('category', { scheme, term }));
  for (const media of entryMedia(entry)) {
    lines.push(emptyElement('link', { rel: 'enclosure', type: media.type, length: media.length, href: media.url }));
  }
  if (entry.summary) lines.push(plain('summary', entry.summary));
  if (entry.contentHtml) lines.push(element('content', entry.contentHtml, { type: 'html' }, cdata));
  // An entry needs text, and content when it has no link (RFC 4287 4.1.2); the title is all a bare headline has.
  else if (!entry.summary || !entry.link) lines.push(plain('content', entry.summary || entry.title));
  return `<entry${lang}>\n${lines.join('\n')}\n</entry>`;
}

// An Atom text construct of type text; `&` and `<` as hexadecimal references, as in RSS.
function plain(name: string, text: string): string {
  return element(name, text, { type: 'text' }, xmlPlainText);
}
