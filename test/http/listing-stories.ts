import type { Copy, Story } from '../../src/domain/index.ts';

interface Spec {
  id: string;
  source: string;
  language: string;
  countries: string[];
  regions: string[];
  title: string;
  published: string;
  copies?: Copy[];
}

const SPECS: Spec[] = [
  {
    id: 'tass-k1',
    source: 'tass',
    language: 'en',
    countries: ['RU', 'JP'],
    regions: ['world', 'russia', 'asia-pacific'],
    title: 'Kuril Islands talks resume',
    published: '2025-06-10T12:00:00.000Z',
  },
  {
    id: 'nhk-t2',
    source: 'nhk',
    language: 'ja',
    countries: ['JP'],
    regions: ['world', 'asia-pacific'],
    title: 'Typhoon nears Okinawa',
    published: '2025-06-10T11:00:00.000Z',
  },
  {
    id: 'tass-r3',
    source: 'tass',
    language: 'ru',
    countries: ['RU'],
    regions: ['world', 'russia'],
    title: 'Кремль прокомментировал переговоры',
    published: '2025-06-10T10:00:00.000Z',
  },
  {
    id: 'abc-s4',
    source: 'abc-au',
    language: 'en',
    countries: ['AU'],
    regions: ['world', 'asia-pacific'],
    title: 'Sydney ferries return to service',
    published: '2025-06-10T09:00:00.000Z',
  },
  {
    id: 'nhk-k5',
    source: 'nhk',
    language: 'en',
    countries: ['JP', 'KR'],
    regions: ['world', 'asia-pacific'],
    title: 'KURIL fishing deal signed',
    published: '2025-06-10T08:00:00.000Z',
    copies: [{ itemId: 'abc-k5', sourceId: 'abc-au', link: 'https://www.abc.net.au/news/k5', published: '2025-06-10T08:30:00.000Z' }],
  },
  {
    id: 'tass-c6',
    source: 'tass',
    language: 'en',
    countries: ['CN'],
    regions: ['world', 'asia-pacific'],
    title: 'Beijing trade figures',
    published: '2025-06-10T07:00:00.000Z',
  },
  {
    id: 'abc-b7',
    source: 'abc-au',
    language: 'en',
    countries: ['BR'],
    regions: ['world'],
    title: 'São Paulo café owners protest',
    published: '2025-06-10T06:00:00.000Z',
  },
];

/** Seven stories, newest first, over three sources, three languages and several countries, for filter and paging tests. */
export function listingStories(): Story[] {
  return SPECS.map((spec) => ({
    id: spec.id,
    item: {
      id: spec.id,
      sourceId: spec.source,
      link: `https://example.test/${spec.source}/${spec.id}`,
      url: `https://example.test/${spec.source}/${spec.id}`,
      title: spec.title,
      summary: `${spec.title}. More to follow.`,
      published: spec.published,
      language: spec.language,
      categories: [],
      enclosures: [],
    },
    countries: spec.countries,
    regions: spec.regions,
    evidence: spec.countries.map((country) => ({ country, kind: 'title', match: spec.title.split(' ')[0] ?? '', weight: 2 })),
    copies: spec.copies ?? [],
    firstSeen: spec.published,
  }));
}

/** The ids of the listing stories, newest first, that pass `keep`. */
export function idsWhere(keep: (story: Story) => boolean): string[] {
  return listingStories()
    .filter(keep)
    .map((story) => story.id);
}
