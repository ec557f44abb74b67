import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { JSON_FEED_VERSION, renderAtom, renderJsonFeed, renderRss } from '../../src/render/index.ts';
import { sampleStories, sampleView } from './sample-stories.ts';

type Entry = { id?: string; author?: string; category?: Array<{ $: { term: string } }> };
const parser = new Parser<object, Entry>({
  customFields: { item: ['source', ['category', 'category', { keepArray: true }]] as never },
});

describe('renderRss', () => {
  it('reads back in rss-parser with titles, links, guids, categories and source', async () => {
    const feed = await parser.parseString(renderRss(sampleView()));
    expect(feed.title).toBe('wirefeed: World');
    expect(feed.feedUrl).toBe('http://feeds.example.test/feeds/world.rss');
    expect(feed.items.map((item) => [item.title, item.link, item.guid, item.categories])).toEqual([
      ['Kremlin comments on grain talks', 'https://tass.com/politics/0001', 'tass-0001', ['RU']],
      ['Typhoon nears Okinawa', 'https://www3.nhk.or.jp/nhkworld/en/news/0002/', 'nhk-0002', ['JP']],
      ['Sydney ferries return to service', 'https://www.abc.net.au/news/0003', 'abc-0003', ['AU']],
    ]);
    const [first, second] = feed.items;
    expect(first?.isoDate).toBe('2025-05-03T09:00:00.000Z');
    expect((first as { source?: string }).source).toBe('TASS');
    expect(first?.creator).toBe('Ivan Petrov');
    expect(second?.enclosure).toEqual({
      url: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg',
      type: 'image/jpeg',
      length: '2048',
    });
  });

  it('writes the source url and the "also reported by" note', () => {
    const xml = renderRss(sampleView());
    expect(xml).toContain('<source url="https://tass.com/rss/v2.xml">TASS</source>');
    expect(xml).toContain('Also reported by: <a href="https://tass.com/world/0009">TASS</a>');
  });

  it('keeps hostile titles and source names well-formed', async () => {
    const [story] = sampleStories();
    if (!story) throw new Error('no sample story');
    story.item.title = 'A & B <script>alert(1)</script> ]]> end';
    const view = sampleView([story]);
    view.title = 'Feed & <co>';
    view.sources = new Map([['tass', { id: 'tass', title: 'T&S <x>', url: 'https://tass.com/rss?a=1&b=2' }]]);
    const xml = renderRss(view);
    expect(xml).toContain('<source url="https://tass.com/rss?a=1&amp;b=2">T&amp;S &lt;x&gt;</source>');
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('Feed & <co>');
    expect(feed.items[0]?.title).toBe('A & B <script>alert(1)</script> ]]> end');
  });
});

describe('renderAtom', () => {
  it('reads back in rss-parser with titles, links, ids, categories and the outlet as author', async () => {
    const feed = await parser.parseString(renderAtom(sampleView()));
    expect(feed.feedUrl).toBe('http://feeds.example.test/feeds/world.atom');
    expect(feed.items.map((item) => [item.title, item.link, item.id])).toEqual([
      ['Kremlin comments on grain talks', 'https://tass.com/politics/0001', 'urn:wirefeed:story:tass-0001'],
      ['Typhoon nears Okinawa', 'https://www3.nhk.or.jp/nhkworld/en/news/0002/', 'urn:wirefeed:story:nhk-0002'],
      ['Sydney ferries return to service', 'https://www.abc.net.au/news/0003', 'urn:wirefeed:story:abc-0003'],
    ]);
    expect(feed.items.map((item) => item.category?.map((category) => category.$.term))).toEqual([
      ['RU'],
      ['JP'],
      ['AU'],
    ]);
    expect(feed.items.map((item) => item.author)).toEqual(['Ivan Petrov', 'NHK World', 'ABC News (Australia)']);
    expect(feed.items[1]?.content).toContain('Also reported by: <a href="https://tass.com/world/0009">TASS</a>');
  });

  it('escapes a plain-text title for its html type', () => {
    const [story] = sampleStories();
    if (!story) throw new Error('no sample story');
    story.item.title = 'AT&T <b>';
    expect(renderAtom(sampleView([story]))).toContain('<![CDATA[AT&amp;T &lt;b&gt;]]>');
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
      expect(typeof item.content_html).toBe('string');
      expect(item.author).toBeUndefined();
    }
    expect(feed.items.map((item: { id: string }) => item.id)).toEqual(['tass-0001', 'nhk-0002', 'abc-0003']);
  });

  it('carries authors, tags, image and the wirefeed extension', () => {
    const [first, second] = JSON.parse(renderJsonFeed(sampleView())).items;
    expect(first.authors).toEqual([{ name: 'Ivan Petrov' }]);
    expect(first.tags).toEqual(['RU']);
    expect(first.date_published).toBe('2025-05-03T09:00:00.000Z');
    expect(first._wirefeed.source).toEqual({ id: 'tass', title: 'TASS', url: 'https://tass.com/rss/v2.xml' });
    expect(second.image).toBe('https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg');
    expect(second._wirefeed.regions).toEqual(['world', 'asia-pacific']);
    expect(second._wirefeed.copies).toEqual([
      { source_id: 'tass', source_title: 'TASS', url: 'https://tass.com/world/0009', date_published: '2025-05-02T07:00:00.000Z' },
    ]);
  });
});
