import { describe, expect, it } from 'vitest';
import { renderAtom, renderJsonFeed, renderRss } from '../../src/render/index.ts';
import { childrenNamed, htmlText, readWithFeedparser, rssParser, textOf, xmlElements } from './read-feed.ts';
import { FAITHFUL_TEXTS, MARKUP_LOOKING_TEXT, trickyStories, trickyView } from './tricky-stories.ts';

// Titles and summaries as published: AT&T, <, quotes, emoji, Cyrillic, Japanese, Arabic, Chinese.
const stories = trickyStories().filter((story) => story.id.startsWith('text-'));
const view = trickyView(stories);
const titles = [...FAITHFUL_TEXTS, MARKUP_LOOKING_TEXT];
const summaries = titles.map((title) => `${title} — summary`);
const published = FAITHFUL_TEXTS.length;

describe('titles and summaries read back exactly as published', () => {
  it('from RSS through rss-parser: titles, and the text of each description', async () => {
    const feed = await rssParser.parseString(renderRss(view));
    expect(feed.title).toBe('wirefeed: World & "Friends"');
    expect(feed.items.map((item) => item.title)).toEqual(titles);
    expect(feed.items.map((item) => item.contentSnippet)).toEqual(summaries);
  });

  it('from RSS through feedparser: titles, and the text of each description (RSS descriptions are HTML)', async () => {
    const { meta, items } = await readWithFeedparser(renderRss(view));
    expect(meta.title).toBe('wirefeed: World & "Friends"');
    expect(items.slice(0, published).map((item) => item.title)).toEqual(FAITHFUL_TEXTS);
    expect(items.map((item) => htmlText(item.summary))).toEqual(summaries);
  });

  it('from Atom through rss-parser: type="text" titles and summaries, as strings', async () => {
    const feed = await rssParser.parseString(renderAtom(view));
    expect(feed.title).toBe('wirefeed: World & "Friends"');
    expect(feed.items.map((item) => item.title)).toEqual(titles);
    expect(feed.items.map((item) => item.summary)).toEqual(summaries);
  });

  it('from Atom through feedparser: type="text" titles and summaries, as strings', async () => {
    const { meta, items } = await readWithFeedparser(renderAtom(view));
    expect(meta.title).toBe('wirefeed: World & "Friends"');
    expect(items.slice(0, published).map((item) => item.title)).toEqual(FAITHFUL_TEXTS);
    expect(items.map((item) => item.summary)).toEqual(summaries);
  });

  it('from JSON Feed through JSON.parse', () => {
    const feed = JSON.parse(renderJsonFeed(view));
    expect(feed.title).toBe('wirefeed: World & "Friends"');
    expect(feed.items.map((item: { title: string }) => item.title)).toEqual(titles);
    expect(feed.items.map((item: { summary: string }) => item.summary)).toEqual(summaries);
  });

  it('a title that looks like markup is carried as text; feedparser alone drops what looks like a tag from titles', async () => {
    const last = titles.length - 1;
    for (const [xml, entry] of [
      [renderRss(view), 'item'],
      [renderAtom(view), 'entry'],
    ] as const) {
      const element = xmlElements(xml, entry)[last];
      expect(element && childrenNamed(element, 'title').map(textOf)).toEqual([MARKUP_LOOKING_TEXT]);
      // feedparser strips anything tag-shaped from every feed's titles, whatever the markup says.
      expect((await readWithFeedparser(xml)).items[last]?.title).toBe('Use &amp; for & and  for bold');
    }
  });
});
