import { describe, expect, it } from 'vitest';
import { renderIndexHtml, renderOpml } from '../../src/render/index.ts';
import { SAMPLE_SOURCE_MAP, sampleStories } from './sample-stories.ts';

const EVIL = '"><script>alert(1)</script>&';

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

describe('renderIndexHtml', () => {
  const feeds = (id: string) => ({ rss: `/feeds/${id}.rss`, atom: `/feeds/${id}.atom`, json: `/feeds/${id}.json` });

  it('shows each region with its feed links and headlines, no scripts or external assets', () => {
    const [russia] = sampleStories();
    const html = renderIndexHtml({
      title: 'wirefeed',
      opmlUrl: '/opml',
      sources: SAMPLE_SOURCE_MAP,
      regions: [
        { id: 'russia', title: 'Russia', description: 'Stories about Russia', feeds: feeds('russia'), headlines: russia ? [russia] : [] },
        { id: 'asia-pacific', title: 'Asia-Pacific', description: 'Asia', feeds: feeds('asia-pacific'), headlines: [] },
      ],
    });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<h2 id="region-russia">Russia</h2>');
    expect(html).toContain('<a href="/feeds/russia.json" type="application/feed+json">JSON Feed</a>');
    expect(html).toContain('<a href="/opml">');
    expect(html).toContain('<a href="https://tass.com/politics/0001">Kremlin comments on grain talks</a>');
    expect(html).toContain('TASS · <time datetime="2025-05-03T09:00:00.000Z">2025-05-03 09:00 UTC</time>');
    expect(html).toContain('<p class="empty">No stories yet.</p>');
    expect(html).not.toMatch(/<script|src=|<link rel="stylesheet"/);
  });

  it('escapes region and story text, and drops non-web links', () => {
    const [story] = sampleStories();
    if (!story) throw new Error('no sample story');
    story.item.title = EVIL;
    story.item.link = 'javascript:alert(1)';
    const html = renderIndexHtml({
      title: EVIL,
      opmlUrl: '/opml',
      sources: SAMPLE_SOURCE_MAP,
      regions: [{ id: 'x', title: EVIL, description: EVIL, feeds: feeds('x'), headlines: [story] }],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
  });
});
