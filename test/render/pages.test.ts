import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/domain/index.ts';
import {
  EMBED_CSP,
  PAGE_CSP,
  relativeTime,
  renderEmbed,
  renderFaviconIco,
  renderIndexHtml,
  renderListingPage,
  renderOpml,
  wordingChangesAt,
  type HomeView,
  type ListingPageView,
} from '../../src/render/index.ts';
import { SAMPLE_SOURCE_MAP, sampleStories } from './sample-stories.ts';

const EVIL = '"><script>alert(1)</script>&';
const ESCAPED_EVIL = '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;';
// 12 minutes after the first sample story (TASS, 09:00) was published.
const NOW = new Date('2025-05-03T09:12:30.000Z');
const COUNTRIES = new Map([
  ['RU', 'Russia'],
  ['JP', 'Japan'],
  ['AU', 'Australia'],
]);
const NAV = [
  { id: 'russia', title: 'Russia' },
  { id: 'asia-pacific', title: 'Asia-Pacific' },
];
const feeds = (key: string) => ({ rss: `/feeds/${key}.rss`, atom: `/feeds/${key}.atom`, json: `/feeds/${key}.json` });

function homeView(stories: Story[] = sampleStories()): HomeView {
  const [russia, japan, australia] = stories;
  return {
    title: 'wirefeed',
    opmlUrl: '/opml',
    sources: SAMPLE_SOURCE_MAP,
    now: NOW,
    countries: COUNTRIES,
    regions: [
      { id: 'russia', title: 'Russia', description: 'Stories about Russia', feeds: feeds('russia'), headlines: russia ? [russia] : [] },
      { id: 'asia-pacific', title: 'Asia-Pacific', description: 'Asia', feeds: feeds('asia-pacific'), headlines: japan && australia ? [japan, australia] : [] },
      { id: 'empty', title: 'Empty', description: 'Nothing yet', feeds: feeds('empty'), headlines: [] },
    ],
  };
}

function listingView(fields: Partial<ListingPageView> = {}): ListingPageView {
  return {
    title: 'wirefeed',
    opmlUrl: '/opml',
    sources: SAMPLE_SOURCE_MAP,
    now: NOW,
    countries: COUNTRIES,
    nav: NAV,
    heading: 'Asia-Pacific',
    description: 'East Asia and Oceania',
    href: '/regions/asia-pacific',
    feeds: feeds('asia-pacific'),
    stories: sampleStories().slice(1),
    ...fields,
  };
}

describe('renderOpml', () => {
  it('lists every feed with escaped attributes', () => {
    const opml = renderOpml(
      [
        { title: 'World', xmlUrl: 'http://f.test/feeds/world.rss', htmlUrl: 'http://f.test/' },
        { title: EVIL, description: 'd', xmlUrl: 'http://f.test/feeds/x.rss?a=1&b=2', htmlUrl: 'http://f.test/' },
      ],
      { title: `wirefeed ${EVIL}`, dateCreated: new Date('2025-05-03T09:05:00Z') },
    );
    expect(opml).toContain('<outline type="rss" text="World" title="World" xmlUrl="http://f.test/feeds/world.rss"');
    expect(opml).toContain('xmlUrl="http://f.test/feeds/x.rss?a=1&amp;b=2"');
    expect(opml).toContain('text="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"');
    expect(opml).toContain('<title>wirefeed &quot;&gt;&lt;script&gt;');
    expect(opml).toContain('<dateCreated>Sat, 03 May 2025 09:05:00 GMT</dateCreated>');
    expect(opml).not.toContain('<script>');
  });
});

describe('relativeTime', () => {
  const published = new Date('2025-05-03T09:00:00.000Z');
  const at = (ms: number) => new Date(published.getTime() + ms);
  const MIN = 60_000;
  it.each([
    ['a story published this second', 'just now', 0, MIN],
    ['a date a little ahead of the clock', 'just now', -5_000, MIN],
    ['59 seconds', 'just now', 59_999, MIN],
    ['one minute', '1 min ago', MIN, 2 * MIN],
    ['12½ minutes', '12 min ago', 12.5 * MIN, 13 * MIN],
    ['59 minutes', '59 min ago', 59 * MIN, 60 * MIN],
    ['one hour', '1 h ago', 60 * MIN, 120 * MIN],
    ['23 h 59 min', '23 h ago', 1439 * MIN, 1440 * MIN],
    ['one day', '1 day ago', 1440 * MIN, 2880 * MIN],
    ['six days', '6 days ago', 6 * 1440 * MIN, 7 * 1440 * MIN],
    ['a week', '3 May 2025', 7 * 1440 * MIN, Number.POSITIVE_INFINITY],
  ])('words %s as "%s"', (_name, text, age, changesAfter) => {
    expect(relativeTime(published, at(age))).toEqual({ text, changesAt: published.getTime() + changesAfter });
  });

  it('says so when a date is not one', () => {
    expect(relativeTime(new Date('not a date'), NOW)).toEqual({ text: 'date unknown', changesAt: Number.POSITIVE_INFINITY });
  });

  it('tells when the first wording on a page changes', () => {
    // TASS 09:00 is "12 min ago" until 09:13; the older stories are dates, which never change.
    expect(wordingChangesAt(sampleStories(), NOW)).toBe(Date.parse('2025-05-03T09:13:00.000Z'));
    expect(wordingChangesAt([], NOW)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('renderIndexHtml', () => {
  it('shows each region with its page link, headlines and feed buttons; no scripts or external assets', () => {
    const html = renderIndexHtml(homeView());
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>wirefeed</title>');
    expect(html).toContain('<h2 id="region-russia"><a href="/regions/russia">Russia</a></h2>');
    expect(html).toContain('<a class="more" href="/regions/asia-pacific">More Asia-Pacific stories →</a>');
    expect(html).toContain('<a href="/feeds/asia-pacific.json" type="application/feed+json">JSON Feed</a>');
    expect(html).toContain('<a href="/opml" type="text/x-opml">Every region (OPML)</a>');
    expect(html).toContain('<h3 class="headline"><a href="https://tass.com/politics/0001">Kremlin comments on grain talks</a></h3>');
    expect(html).toContain('<span class="source">TASS</span> <time datetime="2025-05-03T09:00:00.000Z" title="3 May 2025, 09:00 UTC">12 min ago</time>');
    expect(html).toContain('<ul class="countries" aria-label="Countries"><li><a href="/countries/jp">Japan</a></li></ul>');
    expect(html).toContain('<p class="also">Also reported by 1 outlet: <a href="https://tass.com/world/0009">TASS</a></p>');
    expect(html).toContain('<p class="empty">No stories yet.</p>');
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect(html).not.toMatch(/<script|src=|<link rel="stylesheet"/);
  });

  it('autodiscovers every region feed in RSS, Atom and JSON Feed', () => {
    const alternates = [...renderIndexHtml(homeView()).matchAll(/<link rel="alternate"[^>]*>/g)].map((match) => match[0]);
    expect(alternates).toHaveLength(9);
    expect(alternates.slice(0, 3)).toEqual([
      '<link rel="alternate" type="application/rss+xml" title="Russia (RSS)" href="/feeds/russia.rss">',
      '<link rel="alternate" type="application/atom+xml" title="Russia (Atom)" href="/feeds/russia.atom">',
      '<link rel="alternate" type="application/feed+json" title="Russia (JSON Feed)" href="/feeds/russia.json">',
    ]);
  });

  it('shows a headline with <script> and & as text, and drops links that are not web links', () => {
    const [story] = sampleStories();
    if (!story) throw new Error('no sample story');
    story.item.title = EVIL;
    story.item.link = 'javascript:alert(1)';
    story.copies = [{ itemId: 'x', sourceId: EVIL, link: 'javascript:alert(2)', published: story.item.published }];
    story.countries = ['RU', EVIL];
    const view = homeView([story]);
    const html = renderIndexHtml({ ...view, title: EVIL, regions: [{ id: EVIL, title: EVIL, description: EVIL, feeds: feeds('x'), headlines: [story] }] });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain(`<h3 class="headline">${ESCAPED_EVIL}</h3>`);
    expect(html).toContain(`<p class="also">Also reported by 1 outlet: ${ESCAPED_EVIL}</p>`);
    expect(html).toContain(`<li>${ESCAPED_EVIL}</li>`);
    expect(html).toContain(`<title>${ESCAPED_EVIL}</title>`);
    expect(html).toContain('href="/regions/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%26"');
  });

  it("keeps its one stylesheet within the pages' Content-Security-Policy", () => {
    const [, style = ''] = /<style>([\s\S]*?)<\/style>/.exec(renderIndexHtml(homeView())) ?? [];
    expect(PAGE_CSP).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(PAGE_CSP).toContain("frame-ancestors 'none'");
  });
});

describe('renderListingPage', () => {
  it('shows the stories with summaries, its feeds, OPML, and marks its region in the navigation', () => {
    const html = renderListingPage(listingView());
    expect(html).toContain('<title>Asia-Pacific · wirefeed</title>');
    expect(html).toContain('<h1>Asia-Pacific</h1>');
    expect(html).toContain('<a href="/regions/asia-pacific" aria-current="page">Asia-Pacific</a>');
    expect(html).toContain('<h2 class="headline"><a href="https://www3.nhk.or.jp/nhkworld/en/news/0002/">Typhoon nears Okinawa</a></h2>');
    expect(html).toContain('<p class="summary">Typhoon nears Okinawa. Summary.</p>');
    expect(html).toContain('<time datetime="2025-05-02T06:00:00.000Z" title="2 May 2025, 06:00 UTC">1 day ago</time>');
    expect(html).toContain(
      '<ul class="subscribe" aria-label="Subscribe to Asia-Pacific"><li><a href="/feeds/asia-pacific.rss" type="application/rss+xml">RSS</a></li>' +
        '<li><a href="/feeds/asia-pacific.atom" type="application/atom+xml">Atom</a></li><li><a href="/feeds/asia-pacific.json" type="application/feed+json">JSON Feed</a></li>' +
        '<li><a href="/opml" type="text/x-opml">OPML</a></li></ul>',
    );
    expect([...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">/g)].map((m) => m.slice(1))).toEqual([
      ['application/rss+xml', 'Asia-Pacific (RSS)', '/feeds/asia-pacific.rss'],
      ['application/atom+xml', 'Asia-Pacific (Atom)', '/feeds/asia-pacific.atom'],
      ['application/feed+json', 'Asia-Pacific (JSON Feed)', '/feeds/asia-pacific.json'],
    ]);
    expect(html).not.toContain('class="pager"');
  });

  it('links the older page and the newest one', () => {
    const html = renderListingPage(listingView({ olderUrl: '/regions/asia-pacific?cursor=a%26b', newestUrl: '/regions/asia-pacific' }));
    expect(html).toContain(
      '<nav class="pager" aria-label="Pages"><a class="newest" href="/regions/asia-pacific">← Newest stories</a>' +
        '<a class="older" href="/regions/asia-pacific?cursor=a%26b" rel="next">Older stories →</a></nav>',
    );
  });

  it('lists related pages and the embed snippet, escaped', () => {
    const html = renderListingPage(
      listingView({
        related: { label: 'Countries in Asia-Pacific', links: [{ href: '/countries/jp', title: 'Japan' }] },
        embedUrl: 'http://f.test/embed/asia-pacific',
      }),
    );
    expect(html).toContain('<h2>Countries in Asia-Pacific</h2>\n<ul><li><a href="/countries/jp">Japan</a></li></ul>');
    expect(html).toContain(
      '<code>&lt;iframe src=&quot;http://f.test/embed/asia-pacific&quot; title=&quot;Asia-Pacific headlines&quot; width=&quot;320&quot; height=&quot;480&quot; style=&quot;border:0&quot; loading=&quot;lazy&quot;&gt;&lt;/iframe&gt;</code>',
    );
  });

  it("says when a time is when wirefeed first saw an undated item, and marks a headline's language", () => {
    const [story] = sampleStories();
    if (!story) throw new Error('no sample story');
    story.item.dateFallback = 'first-seen';
    story.item.language = 'ru';
    story.item.title = 'Кремль прокомментировал переговоры';
    const html = renderListingPage(listingView({ stories: [story] }));
    expect(html).toContain('title="3 May 2025, 09:00 UTC: first seen by wirefeed (the publisher gave no date)">seen 12 min ago</time>');
    expect(html).toContain('<h2 class="headline" lang="ru"><a href="https://tass.com/politics/0001">Кремль прокомментировал переговоры</a></h2>');
    expect(renderListingPage(listingView({ stories: [] }))).toContain('<p class="empty">No stories about Asia-Pacific yet.</p>');
  });
});

describe('renderEmbed', () => {
  const embed = (stories: Story[] = sampleStories()) =>
    renderEmbed({ title: 'wirefeed', heading: 'World', pageUrl: '/regions/world', feeds: feeds('world'), stories, sources: SAMPLE_SOURCE_MAP, now: NOW });

  it('lists headlines, outlets and times, every link opening outside the iframe', () => {
    const html = embed();
    expect(html).toContain('<header><a href="/regions/world" target="_blank" rel="noopener">World</a><span>wirefeed</span></header>');
    expect(html).toContain(
      '<li><a href="https://tass.com/politics/0001" target="_blank" rel="noopener">Kremlin comments on grain talks</a>' +
        '<span class="meta">TASS · <time datetime="2025-05-03T09:00:00.000Z" title="3 May 2025, 09:00 UTC">12 min ago</time></span></li>',
    );
    expect(html).toContain('<a href="/feeds/world.rss" target="_blank" rel="noopener">RSS</a>');
    expect([...html.matchAll(/<a /g)]).toHaveLength([...html.matchAll(/target="_blank" rel="noopener"/g)].length);
  });

  it('escapes text and drops non-web links', () => {
    const [story] = sampleStories();
    if (!story) throw new Error('no sample story');
    story.item.title = EVIL;
    story.item.link = 'javascript:alert(1)';
    const html = embed([story]);
    expect(html).toContain(`<li>${ESCAPED_EVIL}<span class="meta">`);
    expect(html).not.toContain('javascript:');
    expect([...html.matchAll(/<script>/g)]).toHaveLength(1);
  });

  it('refreshes with If-None-Match, and its inline style and script are exactly what its policy allows', () => {
    const html = embed();
    const [, style = ''] = /<style>([\s\S]*?)<\/style>/.exec(html) ?? [];
    const [, script = ''] = /<script>([\s\S]*?)<\/script>/.exec(html) ?? [];
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(script).toContain("'If-None-Match': etag");
    expect(script).toContain('}, 300000);');
    expect(EMBED_CSP).toContain(`style-src ${hash(style)};`);
    expect(EMBED_CSP).toContain(`script-src ${hash(script)};`);
    expect(EMBED_CSP).toContain("connect-src 'self'");
    expect(EMBED_CSP).not.toContain('frame-ancestors');
  });
});

describe('renderFaviconIco', () => {
  it('is a 32×32, 32-bit Windows icon with transparent corners and the globe in white', () => {
    const ico = renderFaviconIco();
    expect(ico.length).toBe(6 + 16 + 40 + 32 * 32 * 4 + 32 * 4);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]);
    expect([ico[6], ico[7], ico.readUInt16LE(12), ico.readUInt32LE(18)]).toEqual([32, 32, 32, 22]);
    const pixel = (x: number, y: number) => [...ico.subarray(62 + ((31 - y) * 32 + x) * 4, 62 + ((31 - y) * 32 + x) * 4 + 4)];
    expect(pixel(0, 0)).toEqual([0x8f, 0x3f, 0x1d, 0]);
    expect(pixel(16, 16)).toEqual([255, 255, 255, 255]); // where equator and meridian cross
    expect(pixel(7, 12)).toEqual([0x8f, 0x3f, 0x1d, 255]); // between the ring and a meridian
  });
});
