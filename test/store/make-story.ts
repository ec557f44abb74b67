import type { Copy, Story } from '../../src/domain/index.ts';

/** What varies between the stories of a test. */
export interface StoryShape {
  id: string;
  published?: string;
  firstSeen?: string;
  regions?: string[];
  countries?: string[];
}

/** A story with every optional field filled, so a round trip that drops one fails. */
export function makeStory({ id, published, firstSeen, regions, countries }: StoryShape): Story {
  const when = published ?? '2026-02-07T10:00:00.000Z';
  return {
    id,
    item: {
      id,
      sourceId: 'tass',
      guid: `https://tass.com/world/${id}`,
      link: `https://tass.com/world/${id}?utm_source=rss`,
      url: `https://tass.com/world/${id}`,
      title: `Story ${id}: talks in Geneva «resume»`,
      summary: 'Delegations met for a second day.',
      contentHtml: '<p>Delegations met for a <b>second</b> day.</p>',
      text: 'GENEVA, February 7. Delegations met for a second day.',
      published: when,
      dateFallback: 'first-seen',
      author: 'Ivan Petrov',
      categories: ['World', 'Diplomacy'],
      language: 'en',
      image: 'https://tass.com/img/1.jpg',
      enclosures: [{ url: 'https://tass.com/img/1.jpg', type: 'image/jpeg', length: 12345 }],
      geo: { lat: 46.2, lon: 6.15 },
    },
    countries: countries ?? ['CH'],
    regions: regions ?? ['europe', 'world'],
    evidence: [{ country: 'CH', kind: 'dateline', match: 'GENEVA', weight: 3 }],
    copies: [],
    firstSeen: firstSeen ?? when,
  };
}

/** Another outlet's copy of a story. */
export function makeCopy(itemId: string, sourceId = 'reuters'): Copy {
  return { itemId, sourceId, link: `https://example.com/${itemId}`, published: '2026-02-07T10:05:00.000Z' };
}
