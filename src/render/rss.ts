import { escapeText } from 'entities';
import { rfc822 } from './dates.ts';
import { GENERATOR, type FeedView } from './feed-view.ts';
import { cdata, element, emptyElement, xmlPlainText, type Attributes } from './markup.ts';
import { categoriesOf, primaryMedia, storyEntry, type StoryEntry } from './story-entry.ts';

const NAMESPACES =
  'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"';

/** The view as an RSS 2.0 document. */
export function renderRss(view: FeedView): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<rss version="2.0" ${NAMESPACES}>`,
    '<channel>',
    ...channelHead(view),
    ...view.stories.map((story) => rssItem(storyEntry(story, view.sources), view.language)),
    '</channel>',
    '</rss>',
    '',
  ];
  return lines.join('\n');
}

function channelHead(view: FeedView): string[] {
  const head = [
    plain('title', view.title),
    element('link', view.homeUrl),
    // RSS requires a description; a feed configured without one is described by its title.
    plain('description', view.description || view.title),
  ];
  if (view.language) head.push(element('language', view.language));
  if (view.ttlMinutes !== undefined) head.push(element('ttl', String(Math.max(1, Math.round(view.ttlMinutes)))));
  head.push(element('lastBuildDate', rfc822(view.updated)), element('generator', GENERATOR), element('docs', 'https://www.rssboard.org/rss-specification'));
  if (view.iconUrl) {
    head.push(`<image>${element('url', view.iconUrl)}${plain('title', view.title)}${element('link', view.homeUrl)}</image>`);
  }
  head.push(emptyElement('atom:link', { rel: 'self', type: 'application/rss+xml', href: view.selfUrls.rss }));
  if (view.next) head.push(emptyElement('atom:link', { rel: 'next', type: 'application/rss+xml', href: view.next.rss }));
  if (view.hub) head.push(emptyElement('atom:link', { rel: 'hub', href: view.hub }));
  return head;
}

// An RSS <author> must be an e-mail address, optionally followed by a name in parentheses.
const EMAIL_BYLINE = /^[^\s@()<>"]+@[^\s@()<>"]+\.[^\s@()<>".]+(?: \([^()]*\))?$/;

// A bare address (a desk's, as feeds give them) is named after the outlet that published it.
function namedAddress(byline: string, outlet: string): string {
  return byline.includes(' (') ? byline : `${byline} (${outlet.replace(/[()]/g, '')})`;
}

function rssItem(entry: StoryEntry, feedLanguage: string | undefined): string {
  const lines = [plain('title', entry.title)];
  if (entry.link) lines.push(element('link', entry.link));
  lines.push(element('guid', entry.id, { isPermaLink: 'false' }), element('pubDate', rfc822(entry.published)));
  // The description comes first; with no summary the content is the description, never an empty one.
  if (entry.summary) {
    lines.push(element('description', escapeText(entry.summary), {}, cdata));
    if (entry.contentHtml) lines.push(element('content:encoded', entry.contentHtml, {}, cdata));
  } else if (entry.contentHtml) {
    lines.push(element('description', entry.contentHtml, {}, cdata));
  }
  // A byline is a name (dc:creator) unless it is an address; with none, the outlet is the creator.
  if (entry.byline && EMAIL_BYLINE.test(entry.byline)) lines.push(plain('author', namedAddress(entry.byline, entry.outlet.title)));
  else lines.push(plain('dc:creator', entry.byline ?? entry.outlet.title));
  if (entry.language && entry.language !== feedLanguage) lines.push(element('dc:language', entry.language));
  for (const { scheme, term } of categoriesOf(entry)) lines.push(plain('category', term, { domain: scheme }));
  const media = primaryMedia(entry);
  if (media) {
    // RSS requires both; 0 is the length the RSS Advisory Board gives for "unknown".
    const type = media.type ?? 'application/octet-stream';
    lines.push(emptyElement('enclosure', { url: media.url, length: media.length ?? 0, type }));
  }
  if (entry.outlet.url) lines.push(plain('source', entry.outlet.title, { url: entry.outlet.url }));
  return `<item>\n${lines.join('\n')}\n</item>`;
}

// RSS text that is not HTML.
function plain(name: string, text: string, attributes: Attributes = {}): string {
  return element(name, text, attributes, xmlPlainText);
}
