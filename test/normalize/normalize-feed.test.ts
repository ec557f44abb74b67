import { describe, expect, it } from 'vitest';
import { parseFixture, testSource } from './sources.ts';
import { canonicalUrl, normalizeFeed, sanitizeItem } from '../../src/normalize/index.ts';
import { parseFeed, type ParsedFeed } from '../../src/parse/index.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const SOURCE = testSource('guardian', 'The Guardian', 'https://feeds.example.test/us/rss');

const parsed = (path: string): ParsedFeed => parseFixture(path, SOURCE.url);
// Items as a story serves them: content sanitized.
const served = (feed: ParsedFeed) => normalizeFeed(feed, SOURCE, NOW).map(sanitizeItem);

function rss(items: string, channel = ''): ParsedFeed {
  const xml = `<rss version="2.0"><channel><title>T</title><link>https://site.example/news/</link>${channel}${items}</channel></rss>`;
  return parseFeed(new TextEncoder().encode(xml), { url: SOURCE.url });
}

describe('normalizeFeed on real feeds', () => {
  it('normalizes the Guardian item exactly', () => {
    const [first] = normalizeFeed(parsed('news/rss-parser__guardian.rss'), SOURCE, NOW);
    expect(first).toMatchObject({
      // sha256("guardian\nguid:" + guid), base64url, first 16 characters.
      id: '7XShH9tf8l1zwp-p',
      sourceId: 'guardian',
      link: 'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord',
      url: 'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord',
      title: 'Trump State of the Union address promised unity but emphasized discord',
      published: '2018-01-31T07:26:05.000Z',
      author: 'David Smith in Washington',
      // Canonical BCP 47 case.
      language: 'en-GB',
      enclosures: [],
    });
    expect(first?.dateFallback).toBeUndefined();
    expect(first?.text.split('\n')[0]).toBe(
      'The president’s ‘new American moment’ speech stirred Republican applause while Democrats showed thinly disguised contempt',
    );
    expect(first?.summary.length).toBeLessThanOrEqual(300);
    expect(first?.summary).toMatch(/ at the heart of the…$/);
    expect(first?.image).toMatch(/^https:\/\/i\.guim\.co\.uk\/img\/media\/.*\?w=460&q=55/);
  });

  it('keeps ids stable across re-fetches that reorder entries and rewrite summaries', () => {
    const feed = parsed('news/rss-parser__guardian.rss');
    const ids = normalizeFeed(feed, SOURCE, NOW).map((item) => item.id);
    const edited = { ...feed, entries: [...feed.entries].reverse().map((entry) => ({ ...entry, summaryHtml: 'Updated.' })) };
    const again = normalizeFeed(edited, SOURCE, new Date('2026-03-02T00:00:00Z')).map((item) => item.id);
    expect(new Set(again)).toEqual(new Set(ids));
    expect(new Set(ids).size).toBe(55);
    expect(normalizeFeed(feed, { ...SOURCE, id: 'other' }, NOW)[0]?.id).not.toBe(ids[0]);
  });

  it('reads Urdu with its language and media thumbnail', () => {
    const [first] = normalizeFeed(parsed('news/miniflux__bbc-urdu.xml'), SOURCE, NOW);
    expect(first).toMatchObject({
      title: 'امریکی عسکری امداد کی بندش کی وجوہات: انڈیا سے جنگ، جوہری پروگرام اور اب دہشت گردوں کی پشت پناہی',
      language: 'ur',
      published: '2018-01-05T16:51:00.000Z',
      author: 'urdu@bbc.co.uk',
      image: 'http://c.files.bbci.co.uk/A787/production/_99478824_gettyimages-856735580.jpg',
    });
  });

  it('resolves relative links against the feed link, then the feed URL', () => {
    const [entry] = normalizeFeed(parsed('atom/feed-rs__relative-urls.atom'), SOURCE, NOW);
    expect(entry?.link).toBe('https://feeds.example.test/blog/2003/12/13/atom03');
    expect(entry?.published).toBe('2003-12-13T18:30:02.000Z');
  });

  it.each([
    [
      'RSS',
      `<rss version="2.0" xml:base="https://cdn.example.org/world/"><channel><title>T</title><link>https://www.example.org/</link>
      <item><title>A</title><link>story/1</link><description>&lt;img src="pic.jpg"&gt;</description></item></channel></rss>`,
    ],
    [
      'Atom',
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://cdn.example.org/world/"><title>T</title><link href="https://www.example.org/"/>
      <entry><title>A</title><id>urn:a</id><link href="story/1"/><content type="html">&lt;img src="pic.jpg"&gt;</content></entry></feed>`,
    ],
  ])('resolves %s links against the root xml:base before the channel link', (_format, xml) => {
    const [item] = served(parseFeed(new TextEncoder().encode(xml), { url: SOURCE.url }));
    expect([item?.link, item?.contentHtml]).toEqual(['https://cdn.example.org/world/story/1', '<img src="https://cdn.example.org/world/pic.jpg" />']);
  });

  it('resolves content URLs against xml:base', () => {
    const [entry] = served(parsed('atom/feed-rs__xml-base.atom'));
    expect(entry?.contentHtml).toBe('<p><img src="https://numi.st/post/2022/travel-uke/IMG_1232.jpeg" /></p>');
  });

  it('decodes KOI8-R text and entities into plain text', () => {
    const items = normalizeFeed(parsed('encoding/miniflux__koi8-r.xml'), SOURCE, NOW);
    expect(items[1]).toMatchObject({ title: 'Вторая новость', published: '2026-02-15T11:00:00.000Z', language: 'ru' });
    expect(items[1]?.text).toBe('Проверка специальных символов: & < >\nА также числа: 1234567890.');
  });

  it('keeps the GeoRSS point and takes Atom updated when published is missing', () => {
    const [entry] = normalizeFeed(parsed('namespaces/rome__usgs-earthquakes-georss.atom'), SOURCE, NOW);
    expect(entry?.geo).toEqual({ lat: 32.4126663, lon: -116.2923355 });
    expect(entry?.published).toBe('2018-11-19T21:45:04.398Z');
    expect(entry?.text.split('\n').slice(0, 2)).toEqual(['Time', '2018-11-19 21:42:38 UTC']);
  });
});

describe('normalizeFeed details', () => {
  it('decodes titles: tags stripped, entities decoded, double escaping undone', () => {
    const items = normalizeFeed(
      rss(`<item><title>AT&amp;amp;T &lt;b&gt;wins&lt;/b&gt; &#8211; again</title><link>/a</link></item>
           <item><title><![CDATA[Q&amp;A: <em>Moscow</em> &quot;talks&quot;]]></title><link>/b</link></item>
           <item><title>Oil at &amp;#x0024;80 &amp;amp; rising</title><link>/c</link></item>`),
      SOURCE,
      NOW,
    );
    expect(items.map((item) => item.title)).toEqual(['AT&T wins – again', 'Q&A: Moscow "talks"', 'Oil at $80 & rising']);
    expect(items.map((item) => item.link)).toEqual(['https://site.example/a', 'https://site.example/b', 'https://site.example/c']);
  });

  it('decodes markup escaped twice in titles into its text, never into tags', () => {
    const items = normalizeFeed(
      rss(`<item><title>&amp;amp;lt;b&amp;amp;gt;Breaking&amp;amp;lt;/b&amp;amp;gt; Oil</title><link>/a</link></item>
           <item><title>&amp;amp;lt;img src=x onerror=alert(1)&amp;amp;gt;Hello</title><link>/b</link></item>
           <item><title>x &amp;amp;lt; y</title><link>/c</link></item>
           <item><title>a &lt; b and c &gt; d</title><link>/d</link></item>
           <item><title>&lt;em&gt;Live&lt;/em&gt; &amp;amp;lt;i&amp;amp;gt;Kyiv&amp;amp;lt;/i&amp;amp;gt; &amp;amp;amp; Lviv</title><link>/e</link></item>`),
      SOURCE,
      NOW,
    );
    expect(items.map((item) => item.title)).toEqual(['Breaking Oil', 'Hello', 'x < y', 'a < b and c > d', 'Live Kyiv & Lviv']);
  });

  it('leaves no tag in a title whose HTML was escaped once too often', () => {
    const items = normalizeFeed(
      rss(`<item><title>&amp;lt;b&amp;gt;Breaking&amp;lt;/b&amp;gt;: quake hits &amp;lt;i&amp;gt;Hokkaido&amp;lt;/i&amp;gt;</title><link>/a</link></item>
           <item><title>&amp;lt;img src=x onerror=alert(1)&amp;gt;Hello</title><link>/b</link></item>`),
      SOURCE,
      NOW,
    );
    expect(items.map((item) => item.title)).toEqual(['Breaking: quake hits Hokkaido', 'Hello']);
  });

  it('makes a headline and summary without markup from content with none of its own', () => {
    const content = '<p>Quake hits Hokkaido</p><iframe><img src=x onerror=alert(1)></iframe>';
    const [item] = normalizeFeed(rss(`<item><link>/q</link><description><![CDATA[${content}]]></description></item>`), SOURCE, NOW);
    expect([item?.title, item?.summary, item?.text]).toEqual(['Quake hits Hokkaido', 'Quake hits Hokkaido', 'Quake hits Hokkaido']);
  });

  it('serves as HTML only what the sanitizer gave, whatever else the item carried', () => {
    const [item] = normalizeFeed(rss('<item><title>T</title><link>/s</link></item>'), SOURCE, NOW);
    const stray = { ...item!, contentHtml: '<img src=x onerror=alert(1)>' };
    expect(sanitizeItem(stray)).not.toHaveProperty('contentHtml');
  });

  it('sanitizes content: no script, style, iframe, form or handlers; safe absolute links', () => {
    const content = `<p onclick="steal()">Hi <a href="/story?id=1" target="_blank">more</a> <a href="javascript:alert(1)">x</a></p>
      <script>alert(1)</script><style>p{}</style><iframe src="https://evil.example"></iframe>
      <form action="/post"><input name="q"></form><object data="x.swf"></object><img src="pic.jpg" onerror="steal()">`;
    const feed = rss(`<item><title>T</title><link>/s</link><description><![CDATA[${content}]]></description></item>`);
    const [item] = served(feed);
    expect(item?.contentHtml).toBe(
      '<p>Hi <a href="https://site.example/story?id=1" rel="noopener">more</a> <a rel="noopener">x</a></p>\n      \n      <img src="https://site.example/news/pic.jpg" />',
    );
    expect(normalizeFeed(feed, SOURCE, NOW)[0]?.text).toBe('Hi more x');
    expect(item).not.toHaveProperty('text');
  });

  it('dates: RFC 822, ISO 8601, missing, unparseable and far future', () => {
    const items = normalizeFeed(
      rss(`<item><link>/1</link><title>a</title><pubDate>Tue, 02 Mar 2021 23:39:15 +0100</pubDate></item>
           <item><link>/2</link><title>b</title><pubDate>Sat, 13 Feb 21 00:00 EST</pubDate></item>
           <item><link>/3</link><title>c</title><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2026-02-28T09:15:00.5+03:00</dc:date></item>
           <item><link>/4</link><title>d</title></item>
           <item><link>/5</link><title>e</title><pubDate>sometime last week</pubDate></item>
           <item><link>/6</link><title>f</title><pubDate>Fri, 01 Jan 2027 00:00:00 GMT</pubDate></item>
           <item><link>/7</link><title>g</title><pubDate>Mon, 02 Mar 2026 11:00:00 GMT</pubDate></item>`),
      SOURCE,
      NOW,
    );
    expect(items.map((item) => [item.published, item.dateFallback])).toEqual([
      ['2021-03-02T22:39:15.000Z', undefined],
      ['2021-02-13T05:00:00.000Z', undefined],
      ['2026-02-28T06:15:00.500Z', undefined],
      // Undated: first seen, but placed below the oldest dated entry of the fetch, never above it.
      ['2021-02-13T04:59:59.999Z', 'first-seen'],
      ['2021-02-13T04:59:59.999Z', 'first-seen'],
      ['2026-03-01T12:00:00.000Z', 'future-clamped'],
      // Less than a day ahead: clock skew, kept as published.
      ['2026-03-02T11:00:00.000Z', undefined],
    ]);
  });

  it('stamps undated entries when first seen when no entry of the feed has a date', () => {
    const items = normalizeFeed(rss(`<item><link>/1</link><title>a</title></item><item><link>/2</link><title>b</title></item>`), SOURCE, NOW);
    expect(items.map((item) => [item.published, item.dateFallback])).toEqual([
      ['2026-03-01T12:00:00.000Z', 'first-seen'],
      ['2026-03-01T12:00:00.000Z', 'first-seen'],
    ]);
  });

  it('inherits the feed author and language, else the source language; bounds the summary at a word', () => {
    const long = 'word '.repeat(100);
    const [item] = normalizeFeed(
      rss(`<item><title>T</title><link>/x</link><description>${long}</description></item>`, '<managingEditor>desk@site.example (News Desk)</managingEditor>'),
      SOURCE,
      NOW,
    );
    expect(item?.author).toBe('News Desk');
    expect(item?.language).toBe('en');
    expect(item?.summary).toBe(`${'word '.repeat(59)}word…`);
  });

  it('falls back to the id of guid, then URL; never the title alone', () => {
    const twoSameTitle = rss(`<item><title>Breaking</title><link>/1</link></item><item><title>Breaking</title><link>/2</link></item>`);
    const ids = normalizeFeed(twoSameTitle, SOURCE, NOW).map((item) => item.id);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const tracked = rss(`<item><title>Breaking</title><link>/1?utm_source=rss#top</link></item>`);
    expect(normalizeFeed(tracked, SOURCE, NOW)[0]?.id).toBe(ids[0]);
  });
});

describe('normalizeFeed: the picture of an item', () => {
  const MEDIA = 'xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"';
  const imageOf = (inner: string) => normalizeFeed(rss(`<item ${MEDIA}><title>T</title><link>/t</link>${inner}</item>`), SOURCE, NOW)[0]?.image;

  it.each([
    [
      'the 1200px media:content over a 144px media:thumbnail',
      '<media:thumbnail url="https://img.example/thumb.jpg" width="144"/><media:content url="https://img.example/big.jpg" medium="image" width="1200"/>',
      'https://img.example/big.jpg',
    ],
    [
      'the widest media:content, wherever it is listed',
      '<media:content url="https://img.example/600.jpg" medium="image" width="600"/><media:content url="https://img.example/1200.jpg" medium="image" width="1200"/><media:content url="https://img.example/300.jpg" medium="image" width="300"/>',
      'https://img.example/1200.jpg',
    ],
    [
      "an image enclosure over a video's thumbnail",
      '<media:content url="https://vid.example/clip.mp4" medium="video"><media:thumbnail url="https://vid.example/still.jpg"/></media:content><enclosure url="https://img.example/photo.jpg" type="image/jpeg" length="1000"/>',
      'https://img.example/photo.jpg',
    ],
    [
      'the first of pictures without widths (media:content before an image enclosure)',
      '<enclosure url="https://img.example/enclosure.jpg" type="image/jpeg" length="1000"/><media:content url="https://img.example/content.jpg" type="image/jpeg"/>',
      'https://img.example/content.jpg',
    ],
    [
      'media:thumbnail over itunes:image',
      '<itunes:image href="https://img.example/show.jpg"/><media:thumbnail url="https://img.example/thumb.jpg"/>',
      'https://img.example/thumb.jpg',
    ],
    ['itunes:image when nothing else', '<itunes:image href="https://img.example/show.jpg"/>', 'https://img.example/show.jpg'],
  ])('takes %s', (_case, inner, expected) => {
    expect(imageOf(inner)).toBe(expected);
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['HTTPS://WWW.Example.COM:443/Path?a=1#frag', 'https://www.example.com/Path?a=1'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['http://example.com:8080/a', 'http://example.com:8080/a'],
    ['https://x.test/a?utm_source=rss&id=7&utm_medium=feed&fbclid=abc', 'https://x.test/a?id=7'],
    ['https://x.test/a?gclid=1&dclid=2&yclid=3&mc_cid=4&mc_eid=5&ocid=6&cmpid=7&at_medium=8&ns_campaign=9', 'https://x.test/a'],
    ['https://x.test/a?q=two%20words&UTM_Campaign=x', 'https://x.test/a?q=two%20words'],
    ['https://x.test/search?q=a&page=2', 'https://x.test/search?q=a&page=2'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });
});
