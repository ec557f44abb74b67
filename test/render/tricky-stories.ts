import type { Story, StoryItem } from '../../src/domain/index.ts';
import type { FeedView, SourceRef } from '../../src/render/index.ts';
import { SAMPLE_SOURCES, sampleStories } from './sample-stories.ts';

/** Titles and summaries that consumers must read back exactly as published. */
export const FAITHFUL_TEXTS = [
  'AT&T & Verizon agree on 5G spectrum',
  'Inflation < 2% for the first time since 2021',
  'Minister: "We will not back down" — and \'no\' means no',
  'Typhoon 🌀 hits Okinawa 🇯🇵',
  'Путин провёл переговоры с Си Цзиньпином',
  '沖縄に台風接近、交通機関に影響',
  'الأمم المتحدة تدعو إلى وقف إطلاق النار',
  '联合国安理会召开紧急会议',
];

/** Text that looks like markup but was published as text: `&amp;` and `<b>` are words here. */
export const MARKUP_LOOKING_TEXT = 'Use &amp; for & and <b> for bold';

const SOURCES: SourceRef[] = [
  ...SAMPLE_SOURCES,
  { id: 'bbc', title: 'BBC News', url: 'https://feeds.bbci.co.uk/news/world/rss.xml?edition=uk&x=1' },
  { id: 'ria', title: 'РИА Новости', url: 'https://ria.ru/export/rss2/archive/index.xml' },
];

function item(fields: Partial<StoryItem> & Pick<StoryItem, 'id' | 'sourceId' | 'title' | 'published'>): StoryItem {
  return { summary: '', categories: [], enclosures: [], language: 'en', ...fields };
}

function story(id: string, storyItem: StoryItem, extra: Partial<Story> = {}): Story {
  return {
    id,
    item: storyItem,
    countries: ['RU'],
    regions: ['world', 'russia'],
    evidence: [],
    copies: [],
    firstSeen: '2025-05-03T10:00:00.000Z',
    ...extra,
  };
}

/** Stories that break naive renderers: no summary, no author, audio, non-Latin text, no date, no link. */
export function trickyStories(): Story[] {
  const texts = [...FAITHFUL_TEXTS, MARKUP_LOOKING_TEXT].map((title, index) =>
    story(
      `text-${index}`,
      item({
        id: `text-${index}`,
        sourceId: 'tass',
        link: `https://tass.com/world/${1000 + index}`,
        title,
        summary: `${title} — summary`,
        published: `2025-05-03T09:${String(index).padStart(2, '0')}:00.000Z`,
        contentHtml: `<p>Body of ${index}.</p>`,
      }),
    ),
  );
  return [
    ...texts,
    // Two undated items of one poll: dated when first seen, at the same instant.
    story(
      'undated-1',
      item({
        id: 'undated-1',
        sourceId: 'ria',
        link: 'https://ria.ru/20250503/1.html',
        title: 'Без даты один',
        summary: 'Первый',
        published: '2025-05-03T08:30:00.000Z',
        dateFallback: 'first-seen',
        language: 'ru',
      }),
      { firstSeen: '2025-05-03T08:30:00.000Z' },
    ),
    story(
      'undated-2',
      item({
        id: 'undated-2',
        sourceId: 'ria',
        link: 'https://ria.ru/20250503/2.html',
        title: 'Без даты два',
        summary: 'Второй',
        published: '2025-05-03T08:30:00.000Z',
        dateFallback: 'first-seen',
        language: 'ru',
      }),
      { firstSeen: '2025-05-03T08:30:00.000Z' },
    ),
    // No summary, content only, a byline that is an address.
    story(
      'no-summary',
      item({
        id: 'no-summary',
        sourceId: 'bbc',
        link: 'https://www.bbc.co.uk/news/world-1?at_medium=RSS',
        url: 'https://www.bbc.co.uk/news/world-1',
        title: 'Content but no summary',
        published: '2025-05-03T08:00:00.000Z',
        contentHtml: '<p>Only a body.</p>',
        author: 'newsdesk@bbc.co.uk (BBC Newsdesk)',
      }),
    ),
    // A byline that is only a desk's address.
    story(
      'desk-address',
      item({
        id: 'desk-address',
        sourceId: 'bbc',
        link: 'https://www.bbc.co.uk/news/world-2',
        title: 'Desk report',
        summary: 'From the desk.',
        published: '2025-05-03T07:30:00.000Z',
        author: 'newsdesk@bbc.co.uk',
      }),
    ),
    // Nothing but a title and a link; publisher content that sanitized to an empty paragraph.
    story(
      'bare',
      item({
        id: 'bare',
        sourceId: 'abc-au',
        link: 'https://www.abc.net.au/news/bare',
        title: 'Headline only',
        published: '2025-05-03T07:00:00.000Z',
        contentHtml: '<p></p>',
      }),
    ),
    // Audio with no type and no length; a typed video; an image by extension.
    story(
      'audio',
      item({
        id: 'audio',
        sourceId: 'nhk',
        link: 'https://www3.nhk.or.jp/nhkworld/en/radio/1/',
        title: 'NHK radio news',
        summary: 'The news in English.',
        published: '2025-05-03T06:00:00.000Z',
        enclosures: [
          { url: 'https://www3.nhk.or.jp/nhkworld/en/radio/1/news.mp3' },
          { url: 'https://www3.nhk.or.jp/nhkworld/en/radio/1/clip.mp4', type: 'video/mp4', length: 5_000_000 },
        ],
        image: 'https://www3.nhk.or.jp/nhkworld/en/radio/1/cover.jpg',
        language: 'ja',
      }),
      { countries: ['JP'], regions: ['world', 'asia-pacific'] },
    ),
    // No link of its own, a copy filed later, and a source no longer configured.
    story('no-link', item({ id: 'no-link', sourceId: 'gone', title: 'Wire flash with no link', summary: 'Flash.', published: '2025-05-03T05:00:00.000Z' }), {
      copies: [
        { itemId: 'c1', sourceId: 'bbc', link: 'https://www.bbc.co.uk/news/c1?a=1&b=2', published: '2025-05-03T09:30:00.000Z' },
        { itemId: 'c2', sourceId: 'ria', published: '2025-05-03T09:40:00.000Z' },
      ],
    }),
    // A title made only of a link, a control character in a summary.
    story(
      'untitled',
      item({
        id: 'untitled',
        sourceId: 'tass',
        link: 'https://tass.com/world/untitled',
        title: '',
        summary: 'Bell\u0007 rang',
        published: '2025-05-03T04:00:00.000Z',
      }),
    ),
    ...sampleStories(),
  ];
}

/** A view with every optional field, at the base URL the validator is told it was fetched from. */
export function trickyView(stories: Story[] = trickyStories(), base = 'https://feeds.example.org'): FeedView {
  const page = (format: string) => `${base}/feeds/world.${format}?cursor=abc&limit=50`;
  return {
    id: 'world',
    title: 'wirefeed: World & "Friends"',
    description: 'Every story <all of them>',
    selfUrls: { rss: `${base}/feeds/world.rss`, atom: `${base}/feeds/world.atom`, json: `${base}/feeds/world.json` },
    homeUrl: `${base}/`,
    updated: new Date('2025-05-03T10:00:00.000Z'),
    stories,
    sources: new Map(SOURCES.map((source) => [source.id, source])),
    language: 'en',
    ttlMinutes: 10,
    iconUrl: `${base}/favicon.png`,
    next: { rss: page('rss'), atom: page('atom'), json: page('json') },
    hub: 'https://hub.example.org/',
  };
}
