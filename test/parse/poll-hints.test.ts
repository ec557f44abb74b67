import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.ts';

const URL_ = 'https://feeds.example.test/world/feed';
const parse = (text: string) => parseFeed(Buffer.from(text), { url: URL_ });
const hints = (text: string) => {
  const { ttlMinutes, skipHours, skipDays, hubs, self } = parse(text);
  return { ttlMinutes, skipHours, skipDays, hubs, self };
};

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
  <title>World</title><link>https://news.example.test/</link>
  <ttl>30</ttl>
  <skipHours><hour>23</hour><hour>0</hour><hour>24</hour><hour>0</hour><hour>x</hour></skipHours>
  <skipDays><day>sunday</day><day>Saturday</day><day>Caturday</day></skipDays>
  <atom:link rel="hub" href="https://pubsubhubbub.example.test/"/>
  <atom:link rel="hub" href="/second-hub"/>
  <atom:link rel="self" type="application/rss+xml" href="https://news.example.test/world.rss"/>
  <item><title>One</title><link>https://news.example.test/1</link><atom:link rel="hub" href="https://item-level.example.test/"/></item>
</channel></rss>`;

const ATOM = `<feed xmlns="http://www.w3.org/2005/Atom"><title>World</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated>
  <link rel="alternate" href="https://news.example.test/"/>
  <link rel="hub" href="https://hub.example.test/"/>
  <link rel="self" href="https://news.example.test/world.atom"/>
  <entry><title>One</title><id>urn:1</id><updated>2026-01-01T00:00:00Z</updated><link href="https://news.example.test/1"/></entry>
</feed>`;

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'World',
  feed_url: 'https://news.example.test/world.json',
  hubs: [{ type: 'WebSub', url: 'https://hub.example.test/' }],
  items: [{ id: '1', url: 'https://news.example.test/1', title: 'One' }],
});

describe('parseFeed: polling hints of the document', () => {
  it('reads RSS ttl, skipHours (0–23, sorted, once each) and skipDays (day names), and feed-level hub/self links', () => {
    expect(hints(RSS)).toEqual({
      ttlMinutes: 30,
      skipHours: [0, 23],
      skipDays: ['Sunday', 'Saturday'],
      hubs: ['https://pubsubhubbub.example.test/', 'https://feeds.example.test/second-hub'],
      self: 'https://news.example.test/world.rss',
    });
  });

  it('reads a skipHours and a skipDays holding a single value', () => {
    const single = `<rss version="2.0"><channel><title>World</title><link>https://news.example.test/</link>
  <skipHours><hour> 13 </hour></skipHours><SKIPDAYS><day>Tuesday</day></SKIPDAYS>
  <item><title>One</title><link>https://news.example.test/1</link></item></channel></rss>`;
    expect(hints(single)).toMatchObject({ skipHours: [13], skipDays: ['Tuesday'] });
  });

  it('reads Atom hub and self links', () => {
    expect(hints(ATOM)).toEqual({ hubs: ['https://hub.example.test/'], self: 'https://news.example.test/world.atom' });
  });

  it('reads JSON Feed hubs and feed_url', () => {
    expect(hints(JSON_FEED)).toEqual({ hubs: ['https://hub.example.test/'], self: 'https://news.example.test/world.json' });
  });

  it("reads a real feed's ttl and gives none of the hints it does not have", () => {
    const body = readFileSync(new URL('../fixtures/feeds/news/miniflux__bbc-urdu.xml', import.meta.url));
    const feed = parseFeed(body, { url: URL_ });
    expect([feed.ttlMinutes, feed.skipHours, feed.skipDays, feed.hubs]).toEqual([15, undefined, undefined, undefined]);
  });

  it('ignores a ttl that is not a positive whole number of minutes', () => {
    expect(hints(RSS.replace('<ttl>30</ttl>', '<ttl>-5</ttl>')).ttlMinutes).toBeUndefined();
  });
});
