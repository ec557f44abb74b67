import { describe, expect, it } from 'vitest';
import { COUNTRY_SCHEME, JSON_FEED_VERSION, REGION_SCHEME, renderAtom, renderJsonFeed, renderRss } from '../../src/render/index.ts';
import { readWithFeedparser, rssParser } from './read-feed.ts';
import { sampleStories, sampleView } from './sample-stories.ts';

const categories = (scheme: 'rss' | 'atom', terms: [string[], string[]]) =>
  [...terms[0].map((term) => [COUNTRY_SCHEME, term]), ...terms[1].map((term) => [REGION_SCHEME, term])].map(([domain, term]) =>
    scheme === 'rss' ? { _: term, $: { domain } } : { $: { scheme: domain, term } },
  );

describe('renderRss', () => {
  it('reads back in rss-parser with titles, links, guids, categories, byline and source', async () => {
    const feed = await rssParser.parseString(renderRss(sampleView()));
    expect(feed.title).toBe('wirefeed: World');
    expect(feed.feedUrl).toBe('http://feeds.example.test/feeds/world.rss');
    expect(feed.items.map((item) => [item.title, item.link, item.guid])).toEqual([
      ['Kremlin comments on grain talks', 'https://tass.com/politics/0001', 'tass-0001'],
      ['Typhoon nears Okinawa', 'https://www3.nhk.or.jp/nhkworld/en/news/0002/', 'nhk-0002'],
      ['Sydney ferries return to service', 'https://www.abc.net.au/news/0003', 'abc-0003'],
    ]);
    expect(feed.items[0]?.category).toEqual(categories('rss', [['RU'], ['world', 'russia']]));
    const [first, second, third] = feed.items;
    expect(first?.isoDate).toBe('2025-05-03T09:00:00.000Z');
    expect(first?.source).toBe('TASS');
    // The byline is a name, so it is dc:creator; with no byline the outlet is the creator.
    expect([first?.creator, second?.creator, third?.creator]).toEqual(['Ivan Petrov', 'NHK World', 'ABC News (Australia)']);
    expect(second?.enclosure).toEqual({
      url: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg',
      type: 'image/jpeg',
      length: '2048',
    });
  });

  it('writes the source url and the "also reported by" note', async () => {
    const xml = renderRss(sampleView());
    const { items } = await readWithFeedparser(xml);
    expect(items[0]?.source).toEqual({ title: 'TASS', url: 'https://tass.com/rss/v2.xml' });
    const [, japan] = (await rssParser.parseString(xml)).items;
    expect(japan?.['content:encoded']).toContain('Also reported by: <a href="https://tass.com/world/0009">TASS</a>');
  });

  it('keeps hostile titles and source names well-formed', async () => {
    const [story] = sampleStories();
    if (!story) throw new Error('no sample story');
    story.item.title = 'A & B <script>alert(1)</script> ]]> end';
    story.item.contentHtml = '<p>a ]]> b</p>';
    const view = sampleView([story]);
    view.title = 'Feed & <co>';
    view.sources = new Map([['tass', { id: 'tass', title: 'T&S <x>', url: 'https://tass.com/rss?a=1&b=2' }]]);
    const xml = renderRss(view);
    expect(xml).toContain('<source url="https://tass.com/rss?a=1&amp;b=2">T&#x26;S &#x3C;x&#x3E;</source>');
    const feed = await rssParser.parseString(xml);
    expect(feed.title).toBe('Feed & <co>');
    expect(feed.items[0]?.title).toBe('A & B <script>alert(1)</script> ]]> end');
    expect(feed.items[0]?.['content:encoded']).toBe('<p>a ]]> b</p>');
  });
});

describe('renderAtom', () => {
  it('reads back in rss-parser with titles, links, ids, categories, and the byline and outlet as authors', async () => {
    const feed = await rssParser.parseString(renderAtom(sampleView()));
    expect(feed.feedUrl).toBe('http://feeds.example.test/feeds/world.atom');
    expect(feed.items.map((item) => [item.title, item.link, item.id])).toEqual([
      ['Kremlin comments on grain talks', 'https://tass.com/politics/0001', 'urn:wirefeed:story:tass-0001'],
      ['Typhoon nears Okinawa', 'https://www3.nhk.or.jp/nhkworld/en/news/0002/', 'urn:wirefeed:story:nhk-0002'],
      ['Sydney ferries return to service', 'https://www.abc.net.au/news/0003', 'urn:wirefeed:story:abc-0003'],
    ]);
    expect(feed.items[1]?.category).toEqual(categories('atom', [['JP'], ['world', 'asia-pacific']]));
    expect(feed.items.map((item) => item.authors?.map((author) => [author.name[0], author.uri?.[0]]))).toEqual([
      [
        ['Ivan Petrov', undefined],
        ['TASS', 'https://tass.com/rss/v2.xml'],
      ],
      [['NHK World', 'https://www3.nhk.or.jp/rss/news/cat0.xml']],
      [['ABC News (Australia)', 'https://www.abc.net.au/news/feed/51120/rss.xml']],
    ]);
    expect(feed.items[1]?.content).toContain('Also reported by: <a href="https://tass.com/world/0009">TASS</a>');
  });

  it('writes titles as text, so readers show "AT&T <b>" and not its escaped form', async () => {
    const [story] = sampleStories();
    if (!story) throw new Error('no sample story');
    story.item.title = 'AT&T <b>';
    const xml = renderAtom(sampleView([story]));
    expect(xml).toContain('<title type="text">AT&#x26;T &#x3C;b&#x3E;</title>');
    expect((await rssParser.parseString(xml)).items[0]?.title).toBe('AT&T <b>');
  });

  it('reads back in feedparser with dates, enclosures and categories', async () => {
    const { meta, items } = await readWithFeedparser(renderAtom(sampleView()));
    expect(meta.title).toBe('wirefeed: World');
    const japan = items[1];
    expect(japan?.pubdate?.toISOString()).toBe('2025-05-02T06:00:00.000Z');
    // Updated when TASS's copy came in.
    expect(japan?.date?.toISOString()).toBe('2025-05-02T07:00:00.000Z');
    expect(japan?.enclosures).toEqual([{ url: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg', type: 'image/jpeg', length: '2048' }]);
    expect(japan?.categories).toEqual(['JP', 'world', 'asia-pacific']);
  });
});

describe('renderJsonFeed', () => {
  it('is a JSON Feed 1.1 document with the required fields', () => {
    const feed = JSON.parse(renderJsonFeed(sampleView()));
    expect(feed.version).toBe(JSON_FEED_VERSION);
    expect(JSON_FEED_VERSION).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('wirefeed: World');
    expect(feed.feed_url).toBe('http://feeds.example.test/feeds/world.json');
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof (item.content_html ?? item.content_text)).toBe('string');
      expect(item.author).toBeUndefined();
    }
    expect(feed.items.map((item: { id: string }) => item.id)).toEqual(['tass-0001', 'nhk-0002', 'abc-0003']);
  });

  it('carries authors, tags, image, attachments and the wirefeed extension', () => {
    const [first, second, third] = JSON.parse(renderJsonFeed(sampleView())).items;
    expect(first.authors).toEqual([{ name: 'Ivan Petrov' }, { name: 'TASS', url: 'https://tass.com/rss/v2.xml' }]);
    expect(first.tags).toEqual(['RU', 'world', 'russia']);
    expect(first.date_published).toBe('2025-05-03T09:00:00.000Z');
    expect(first._wirefeed.source).toEqual({ id: 'tass', title: 'TASS', url: 'https://tass.com/rss/v2.xml' });
    expect(second.image).toBe('https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg');
    expect(second.attachments).toEqual([{ url: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg', mime_type: 'image/jpeg', size_in_bytes: 2048 }]);
    expect(second.date_modified).toBe('2025-05-02T07:00:00.000Z');
    expect(second._wirefeed.regions).toEqual(['world', 'asia-pacific']);
    expect(second._wirefeed.copies).toEqual([
      { source_id: 'tass', source_title: 'TASS', url: 'https://tass.com/world/0009', date_published: '2025-05-02T07:00:00.000Z' },
    ]);
    // No body and no copies: the summary is the whole text.
    expect([third.content_html, third.content_text]).toEqual([undefined, 'Sydney ferries return to service. Summary.']);
  });
});
