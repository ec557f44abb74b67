import { describe, expect, it } from 'vitest';
import { COUNTRY_SCHEME, REGION_SCHEME, renderAtom, renderJsonFeed, renderRss } from '../../src/render/index.ts';
import { fixtureView } from './fixture-stories.ts';
import { isAbsoluteWebUrl, jsonFeedProblems, RFC3339 } from './json-feed-rules.ts';
import { attribute, child, childrenNamed, texts, textOf, xmlElements, type Element } from './read-feed.ts';
import { trickyStories, trickyView } from './tricky-stories.ts';

// The rules a user's clone checks without the W3C validator (issue 11), over stories that break
// naive renderers: no summary, no author, an e-mail byline, audio, non-Latin text, no date, no link.
const view = trickyView();
const stories = view.stories;
const rss = renderRss(view);
const atom = renderAtom(view);
const json = JSON.parse(renderJsonFeed(view));
const rssItems = xmlElements(rss, 'item');
const atomEntries = xmlElements(atom, 'entry');

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const EMAIL = /^[^\s@()]+@[^\s@()]+\.[^\s@()]+(?: \([^()]*\))?$/;

describe('feed rules: bylines and authors', () => {
  it('RSS puts a name byline in dc:creator, an e-mail byline in author, and the outlet otherwise', () => {
    for (const element of xmlElements(rss, 'author')) expect(textOf(element)).toMatch(EMAIL);
    const credits = rssItems.map((item) => [texts(item, 'author'), texts(item, 'dc:creator')]);
    stories.forEach((story, i) => {
      const byline = story.item.author;
      const outlet = view.sources.get(story.item.sourceId)?.title ?? story.item.sourceId;
      const expected = byline && EMAIL.test(byline) ? [[byline], []] : [[], [byline ?? outlet]];
      // A bare address is named after its outlet (the validator wants a name with an address).
      if (story.id === 'desk-address') expected[0] = ['newsdesk@bbc.co.uk (BBC News)'];
      expect(credits[i], story.id).toEqual(expected);
    });
    expect(credits.flat(2)).toContain('newsdesk@bbc.co.uk (BBC Newsdesk)');
  });

  it('Atom and JSON Feed name the byline and then the outlet, so an entry always names its outlet', () => {
    stories.forEach((story, i) => {
      const source = view.sources.get(story.item.sourceId);
      const outlet = { name: source?.title ?? story.item.sourceId, url: source?.url };
      const expected = [...(story.item.author ? [{ name: story.item.author, url: undefined }] : []), outlet];
      const atomAuthors = childrenNamed(atomEntries[i] as Element, 'author').map((author) => ({
        name: textOf(child(author, 'name') as Element),
        url: child(author, 'uri') && textOf(child(author, 'uri') as Element),
      }));
      expect(atomAuthors, story.id).toEqual(expected);
      expect(json.items[i].authors, story.id).toEqual(expected.map(({ name, url }) => (url ? { name, url } : { name })));
    });
  });
});

describe('feed rules: dates', () => {
  it('RSS dates are RFC 822, Atom and JSON Feed dates RFC 3339, all of the same instants', () => {
    const rssDates = [...xmlElements(rss, 'pubDate'), ...xmlElements(rss, 'lastBuildDate')].map(textOf);
    for (const date of rssDates) expect(date).toMatch(RFC822);
    const atomDates = [...xmlElements(atom, 'published'), ...xmlElements(atom, 'updated')].map(textOf);
    for (const date of atomDates) expect(date).toMatch(RFC3339);
    const jsonDates = json.items.flatMap((item: Record<string, string>) => [item.date_published, item.date_modified]);
    for (const date of jsonDates) expect(date).toMatch(RFC3339);
    const published = stories.map((story) => Date.parse(story.item.published));
    expect(rssItems.map((item) => Date.parse(texts(item, 'pubDate')[0] ?? ''))).toEqual(published);
    expect(atomEntries.map((entry) => Date.parse(texts(entry, 'published')[0] ?? ''))).toEqual(published);
    expect(json.items.map((item: { date_published: string }) => Date.parse(item.date_published))).toEqual(published);
  });

  it('the feed is updated when the view says; no two Atom entries share an updated stamp', () => {
    expect(textOf(xmlElements(rss, 'lastBuildDate')[0] as Element)).toBe('Sat, 03 May 2025 10:00:00 GMT');
    expect(texts(xmlElements(atom, 'feed')[0] as Element, 'updated')).toEqual(['2025-05-03T10:00:00.000Z']);
    const stamps = atomEntries.map((entry) => texts(entry, 'updated')[0]);
    expect(new Set(stamps).size).toBe(stamps.length);
    // The two undated items of one poll share an instant; the second by id is a microsecond after it.
    const undated = ['undated-1', 'undated-2'].map((id) => stamps[stories.findIndex((story) => story.id === id)]);
    expect(undated).toEqual(['2025-05-03T08:30:00.000Z', '2025-05-03T08:30:00.000001Z']);
  });

  it('an undated item is dated when it was first seen, and JSON Feed says so', () => {
    const i = stories.findIndex((story) => story.id === 'undated-1');
    const firstSeen = stories[i]?.firstSeen;
    expect(texts(rssItems[i] as Element, 'pubDate')).toEqual(['Sat, 03 May 2025 08:30:00 GMT']);
    expect(texts(atomEntries[i] as Element, 'published')).toEqual([firstSeen]);
    expect([json.items[i].date_published, json.items[i]._wirefeed.date_fallback]).toEqual([firstSeen, 'first-seen']);
  });
});

describe('feed rules: ids, links and URLs', () => {
  it('ids are the story ids, each once', () => {
    const ids = stories.map((story) => story.id);
    expect(rssItems.map((item) => texts(item, 'guid')[0])).toEqual(ids);
    for (const guid of xmlElements(rss, 'guid')) expect(attribute(guid, 'isPermaLink')).toBe('false');
    expect(atomEntries.map((entry) => texts(entry, 'id')[0])).toEqual(ids.map((id) => `urn:wirefeed:story:${encodeURIComponent(id)}`));
    expect(json.items.map((item: { id: string }) => item.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every URL is absolute, in the markup and inside the content', () => {
    const urls = [
      ...['link', 'url', 'uri', 'icon']
        .flatMap((name) => [...xmlElements(rss, name), ...xmlElements(atom, name)])
        .map(textOf)
        .filter(Boolean),
      ...[...xmlElements(rss, '*'), ...xmlElements(atom, '*')].flatMap((element) => [attribute(element, 'href'), attribute(element, 'url')]),
      ...[rss, atom, JSON.stringify(json)].flatMap((doc) => [...doc.matchAll(/(?:href|src)=(?:\\?"|&quot;)([^"\\&]+)/g)].map((match) => match[1])),
    ].filter((url): url is string => url !== undefined);
    expect(urls.length).toBeGreaterThan(50);
    for (const url of urls) expect(isAbsoluteWebUrl(url), url).toBe(true);
  });

  it('links are the original ones with tracking parameters removed; a link-less entry gets none', () => {
    const i = stories.findIndex((story) => story.id === 'no-summary');
    expect(texts(rssItems[i] as Element, 'link')).toEqual(['https://www.bbc.co.uk/news/world-1']);
    expect(json.items[i].url).toBe('https://www.bbc.co.uk/news/world-1');
    const bare = stories.findIndex((story) => story.id === 'no-link');
    expect(texts(rssItems[bare] as Element, 'link')).toEqual([]);
    expect(childrenNamed(atomEntries[bare] as Element, 'link')).toEqual([]);
    expect(json.items[bare].url).toBeUndefined();
  });
});

describe('feed rules: content', () => {
  it('no item has empty content; a description always comes before content:encoded', () => {
    const html = [...xmlElements(rss, 'description'), ...xmlElements(rss, 'content:encoded'), ...xmlElements(atom, 'content'), ...xmlElements(atom, 'summary')];
    for (const element of html) expect(textOf(element).replace(/<\/?p>|\s/g, '')).not.toBe('');
    for (const item of rssItems) {
      const names = item.children.filter((node) => 'name' in node).map((node) => (node as Element).name);
      if (names.includes('content:encoded')) expect(names.indexOf('description')).toBeLessThan(names.indexOf('content:encoded'));
    }
    for (const item of json.items) expect(`${item.content_html ?? ''}${item.content_text ?? ''}`.trim()).not.toBe('');
    expect(rss + atom + JSON.stringify(json)).not.toMatch(/<p>\s*<\/p>|&lt;p&gt;\s*&lt;\/p&gt;/);
  });

  it('a headline with no text is a title alone in RSS, and its own text in Atom and JSON Feed', () => {
    const i = stories.findIndex((story) => story.id === 'bare');
    const names = (rssItems[i] as Element).children.filter((node) => 'name' in node).map((node) => (node as Element).name);
    expect(names).not.toContain('description');
    expect(names).not.toContain('content:encoded');
    expect(texts(atomEntries[i] as Element, 'content')).toEqual(['Headline only']);
    expect([json.items[i].content_text, json.items[i].content_html]).toEqual(['Headline only', undefined]);
  });

  it('an item with no summary has its content as its description', () => {
    const i = stories.findIndex((story) => story.id === 'no-summary');
    expect(texts(rssItems[i] as Element, 'description')).toEqual(['<p>Only a body.</p>']);
    expect(texts(rssItems[i] as Element, 'content:encoded')).toEqual([]);
  });

  it('"also reported by" is in every format', () => {
    const i = stories.findIndex((story) => story.id === 'no-link');
    const note = 'Also reported by: <a href="https://www.bbc.co.uk/news/c1?a=1&amp;b=2">BBC News</a>, РИА Новости';
    expect(texts(rssItems[i] as Element, 'content:encoded')[0]).toContain(note);
    expect(texts(atomEntries[i] as Element, 'content')[0]).toContain(note);
    expect(json.items[i].content_html).toContain(note);
    expect(json.items[i]._wirefeed.copies.map((copy: { source_id: string }) => copy.source_id)).toEqual(['bbc', 'ria']);
  });
});

describe('feed rules: language', () => {
  it('the feed declares its language, and an item in another language declares its own', () => {
    expect(texts(xmlElements(rss, 'channel')[0] as Element, 'language')).toEqual(['en']);
    expect(attribute(xmlElements(atom, 'feed')[0], 'xml:lang')).toBe('en');
    expect(json.language).toBe('en');
    const expected = stories.map((story) => (story.item.language && story.item.language !== 'en' ? story.item.language : undefined));
    expect(expected.filter(Boolean)).toEqual(['ru', 'ru', 'ja']);
    expect(rssItems.map((item) => texts(item, 'dc:language')[0])).toEqual(expected);
    expect(atomEntries.map((entry) => attribute(entry, 'xml:lang'))).toEqual(expected);
    expect(json.items.map((item: { language?: string }) => item.language)).toEqual(expected);
  });
});

describe('feed rules: categories and media', () => {
  it('countries and regions are categories under the same schemes in RSS and Atom, and tags in JSON Feed', () => {
    stories.forEach((story, i) => {
      const expected = [...story.countries.map((term) => [COUNTRY_SCHEME, term]), ...story.regions.map((term) => [REGION_SCHEME, term])];
      expect(childrenNamed(rssItems[i] as Element, 'category').map((c) => [c.attribs.domain, textOf(c)])).toEqual(expected);
      expect(childrenNamed(atomEntries[i] as Element, 'category').map((c) => [c.attribs.scheme, c.attribs.term])).toEqual(expected);
      expect(json.items[i].tags).toEqual(expected.map(([, term]) => term));
    });
  });

  it("enclosures keep the publisher's type and length; an untyped mp3 is audio/mpeg, never image/mp3", () => {
    const i = stories.findIndex((story) => story.id === 'audio');
    const enclosure = childrenNamed(rssItems[i] as Element, 'enclosure').map((e) => e.attribs);
    // RSS allows one enclosure: the first playable file. Its length is unknown, and RSS requires one.
    expect(enclosure).toEqual([{ url: 'https://www3.nhk.or.jp/nhkworld/en/radio/1/news.mp3', length: '0', type: 'audio/mpeg' }]);
    const links = childrenNamed(atomEntries[i] as Element, 'link').filter((link) => link.attribs.rel === 'enclosure');
    expect(links.map((link) => link.attribs)).toEqual([
      { rel: 'enclosure', type: 'audio/mpeg', href: 'https://www3.nhk.or.jp/nhkworld/en/radio/1/news.mp3' },
      { rel: 'enclosure', type: 'video/mp4', length: '5000000', href: 'https://www3.nhk.or.jp/nhkworld/en/radio/1/clip.mp4' },
    ]);
    expect(json.items[i].attachments).toEqual([
      { url: 'https://www3.nhk.or.jp/nhkworld/en/radio/1/news.mp3', mime_type: 'audio/mpeg' },
      { url: 'https://www3.nhk.or.jp/nhkworld/en/radio/1/clip.mp4', mime_type: 'video/mp4', size_in_bytes: 5_000_000 },
    ]);
    expect(json.items[i].image).toBe('https://www3.nhk.or.jp/nhkworld/en/radio/1/cover.jpg');
    expect(rss + atom).not.toMatch(/image\/mp3|image\/jpg"/);
  });

  it('RSS names the outlet with its feed url in <source>', () => {
    stories.forEach((story, i) => {
      const source = view.sources.get(story.item.sourceId);
      const element = childrenNamed(rssItems[i] as Element, 'source');
      expect(element.map((e) => [textOf(e), e.attribs.url])).toEqual(source ? [[source.title, source.url]] : []);
    });
  });
});

describe('feed rules: a copy attaching', () => {
  it('keeps every id, moves updated and date_modified to the copy, and adds the note', () => {
    const [before] = trickyStories().filter((story) => story.id === 'text-0');
    if (!before) throw new Error('no story text-0');
    const after = structuredClone(before);
    after.copies.push({ itemId: 'bbc-9', sourceId: 'bbc', link: 'https://www.bbc.co.uk/news/9', published: '2025-05-03T11:00:00.000Z' });
    const read = (story: typeof before) => {
      const one = trickyView([story]);
      const entry = xmlElements(renderAtom(one), 'entry')[0] as Element;
      const item = JSON.parse(renderJsonFeed(one)).items[0];
      return {
        guid: textOf(xmlElements(renderRss(one), 'guid')[0] as Element),
        atomId: texts(entry, 'id')[0],
        jsonId: item.id,
        updated: texts(entry, 'updated')[0],
        modified: item.date_modified,
        noted: item.content_html.includes('Also reported by'),
      };
    };
    const [was, is] = [read(before), read(after)];
    expect(is).toEqual({ ...was, updated: '2025-05-03T11:00:00.000Z', modified: '2025-05-03T11:00:00.000Z', noted: true });
    expect(was.updated).toBe('2025-05-03T09:00:00.000Z');
    expect(was.noted).toBe(false);
  });
});

describe("feed rules: real publishers' stories", () => {
  const real = fixtureView();
  it('JSON Feed is valid 1.1, RSS authors are addresses, and no format has empty content', () => {
    expect(real.stories.length).toBeGreaterThan(100);
    expect(jsonFeedProblems(JSON.parse(renderJsonFeed(real)))).toEqual([]);
    const xml = renderRss(real);
    for (const element of xmlElements(xml, 'author')) expect(textOf(element)).toMatch(EMAIL);
    expect(xmlElements(xml, 'dc:creator').length).toBeGreaterThan(0);
    expect(xml + renderAtom(real)).not.toMatch(/<p>\s*<\/p>|CDATA\[\]\]>|<(content|summary|description)[^>]*>\s*<\//);
  });
});
