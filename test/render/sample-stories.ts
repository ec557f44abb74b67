import type { Story, StoryItem } from '../../src/domain/index.ts';
import type { FeedView, SourceRef } from '../../src/render/index.ts';

/** The outlets the sample stories come from. */
export const SAMPLE_SOURCES: SourceRef[] = [
  { id: 'tass', title: 'TASS', url: 'https://tass.com/rss/v2.xml' },
  { id: 'nhk', title: 'NHK World', url: 'https://www3.nhk.or.jp/rss/news/cat0.xml' },
  { id: 'abc-au', title: 'ABC News (Australia)', url: 'https://www.abc.net.au/news/feed/51120/rss.xml' },
];

/** Sources keyed by id, as renderers take them. */
export const SAMPLE_SOURCE_MAP: ReadonlyMap<string, SourceRef> = new Map(SAMPLE_SOURCES.map((s) => [s.id, s]));

function item(fields: Partial<StoryItem> & Pick<StoryItem, 'id' | 'sourceId' | 'link' | 'title' | 'published'>): StoryItem {
  return {
    url: fields.link,
    summary: `${fields.title}. Summary.`,
    categories: [],
    enclosures: [],
    ...fields,
  };
}

/** Three stories, newest published first: Russia, Japan (with a copy), Australia. */
export function sampleStories(): Story[] {
  return [
    {
      id: 'tass-0001',
      item: item({
        id: 'tass-0001',
        sourceId: 'tass',
        link: 'https://tass.com/politics/0001',
        title: 'Kremlin comments on grain talks',
        published: '2025-05-03T09:00:00.000Z',
        contentHtml: '<p>MOSCOW, May 3. The Kremlin said talks would go on.</p>',
        author: 'Ivan Petrov',
      }),
      countries: ['RU'],
      regions: ['world', 'russia'],
      evidence: [{ country: 'RU', kind: 'dateline', match: 'MOSCOW', weight: 3 }],
      copies: [],
      firstSeen: '2025-05-03T09:05:00.000Z',
    },
    {
      id: 'nhk-0002',
      item: item({
        id: 'nhk-0002',
        sourceId: 'nhk',
        link: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/',
        title: 'Typhoon nears Okinawa',
        published: '2025-05-02T06:00:00.000Z',
        contentHtml: '<p>A typhoon is approaching Okinawa.</p>',
        image: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg',
        enclosures: [{ url: 'https://www3.nhk.or.jp/nhkworld/en/news/0002/typhoon.jpg', type: 'image/jpeg', length: 2048 }],
      }),
      countries: ['JP'],
      regions: ['world', 'asia-pacific'],
      evidence: [{ country: 'JP', kind: 'title', match: 'Okinawa', weight: 2 }],
      copies: [{ itemId: 'tass-0009', sourceId: 'tass', link: 'https://tass.com/world/0009', published: '2025-05-02T07:00:00.000Z' }],
      firstSeen: '2025-05-02T06:10:00.000Z',
    },
    {
      id: 'abc-0003',
      item: item({
        id: 'abc-0003',
        sourceId: 'abc-au',
        link: 'https://www.abc.net.au/news/0003',
        title: 'Sydney ferries return to service',
        published: '2025-05-01T22:00:00.000Z',
      }),
      countries: ['AU'],
      regions: ['world', 'asia-pacific'],
      evidence: [{ country: 'AU', kind: 'title', match: 'Sydney', weight: 2 }],
      copies: [],
      firstSeen: '2025-05-01T22:30:00.000Z',
    },
  ];
}

/** A feed view over the sample stories, as the world region would serve it. */
export function sampleView(stories: Story[] = sampleStories()): FeedView {
  const base = 'http://feeds.example.test';
  return {
    id: 'world',
    title: 'wirefeed: World',
    description: 'Every story',
    selfUrls: { rss: `${base}/feeds/world.rss`, atom: `${base}/feeds/world.atom`, json: `${base}/feeds/world.json` },
    homeUrl: `${base}/`,
    updated: new Date('2025-05-03T09:05:00.000Z'),
    stories,
    sources: SAMPLE_SOURCE_MAP,
  };
}
