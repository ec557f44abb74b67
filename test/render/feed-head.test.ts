import { describe, expect, it } from 'vitest';
import { renderAtom, renderJsonFeed, renderRss } from '../../src/render/index.ts';
import { jsonFeedProblems } from './json-feed-rules.ts';
import { child, childrenNamed, texts, xmlElements, type Element } from './read-feed.ts';
import { trickyView } from './tricky-stories.ts';

// What each feed says about itself, with every optional field of the view set.
const view = trickyView();
const rss = renderRss(view);
const atom = renderAtom(view);
const json = JSON.parse(renderJsonFeed(view));

describe('the feed head', () => {
  it('RSS has title, link, description, language, ttl, lastBuildDate, generator, image, self, next and hub', () => {
    const channel = xmlElements(rss, 'channel')[0] as Element;
    const links = childrenNamed(channel, 'atom:link').map((link) => [link.attribs.rel, link.attribs.href]);
    expect({
      title: texts(channel, 'title'),
      link: texts(channel, 'link'),
      description: texts(channel, 'description'),
      ttl: texts(channel, 'ttl'),
      generator: texts(channel, 'generator'),
      image: texts(child(channel, 'image') as Element, 'url'),
      links,
    }).toEqual({
      title: ['wirefeed: World & "Friends"'],
      link: ['https://feeds.example.org/'],
      description: ['Every story <all of them>'],
      ttl: ['10'],
      generator: ['wirefeed'],
      image: ['https://feeds.example.org/favicon.png'],
      links: [
        ['self', 'https://feeds.example.org/feeds/world.rss'],
        ['next', 'https://feeds.example.org/feeds/world.rss?cursor=abc&limit=50'],
        ['hub', 'https://hub.example.org/'],
      ],
    });
  });

  it('Atom has id, title, subtitle, self, alternate, next and hub links, icon and generator', () => {
    const feed = xmlElements(atom, 'feed')[0] as Element;
    expect(texts(feed, 'id')).toEqual(['urn:wirefeed:feed:world']);
    expect(texts(feed, 'title')).toEqual(['wirefeed: World & "Friends"']);
    expect(texts(feed, 'subtitle')).toEqual(['Every story <all of them>']);
    expect(texts(feed, 'icon')).toEqual(['https://feeds.example.org/favicon.png']);
    expect(texts(feed, 'generator')).toEqual(['wirefeed']);
    expect(childrenNamed(feed, 'link').map((link) => [link.attribs.rel, link.attribs.href])).toEqual([
      ['self', 'https://feeds.example.org/feeds/world.atom'],
      ['alternate', 'https://feeds.example.org/'],
      ['next', 'https://feeds.example.org/feeds/world.atom?cursor=abc&limit=50'],
      ['hub', 'https://hub.example.org/'],
    ]);
  });

  it('JSON Feed is valid 1.1 with feed_url, icon, language, next_url, hubs, and the generator and ttl in _wirefeed', () => {
    expect(jsonFeedProblems(json)).toEqual([]);
    const { items, ...head } = json;
    expect(items).toHaveLength(view.stories.length);
    expect(head).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'wirefeed: World & "Friends"',
      home_page_url: 'https://feeds.example.org/',
      feed_url: 'https://feeds.example.org/feeds/world.json',
      description: 'Every story <all of them>',
      icon: 'https://feeds.example.org/favicon.png',
      language: 'en',
      next_url: 'https://feeds.example.org/feeds/world.json?cursor=abc&limit=50',
      hubs: [{ type: 'WebSub', url: 'https://hub.example.org/' }],
      _wirefeed: { generator: 'wirefeed', ttl_minutes: 10 },
    });
  });

  it('a feed with no stories is still complete in every format', () => {
    const empty = { ...trickyView([]), next: undefined, hub: undefined };
    expect(xmlElements(renderRss(empty), 'item')).toEqual([]);
    // Atom needs an author when no entry names one.
    expect(texts(xmlElements(renderAtom(empty), 'author')[0] as Element, 'name')).toEqual(['wirefeed: World & "Friends"']);
    const doc = JSON.parse(renderJsonFeed(empty));
    expect(jsonFeedProblems(doc)).toEqual([]);
    expect([doc.items, doc.next_url, doc.hubs]).toEqual([[], undefined, undefined]);
  });
});
