import { escapeUTF8 } from 'entities';
import type { FeedLink, OpmlMeta } from './feed-view.ts';

/** An OPML 2.0 subscription list of the given feeds, every value escaped. */
export function renderOpml(feeds: readonly FeedLink[], meta: OpmlMeta): string {
  const outlines = feeds.map((feed) => {
    const attributes = [
      ['type', 'rss'],
      ['text', feed.title],
      ['title', feed.title],
      ['description', feed.description],
      ['xmlUrl', feed.xmlUrl],
      ['htmlUrl', feed.htmlUrl],
    ]
      .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '')
      .map(([name, value]) => `${name}="${escapeUTF8(value)}"`);
    return `    <outline ${attributes.join(' ')}/>`;
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeUTF8(meta.title)}</title>`,
    `    <dateCreated>${meta.dateCreated.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
