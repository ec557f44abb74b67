import type { Copy, Story } from '../../src/domain/index.ts';

/** What varies between the stories of a test. */
export interface StoryShape {
  id: string;
  sourceId?: string;
  title?: string;
  summary?: string;
  contentHtml?: string;
  language?: string;
  published?: string;
  firstSeen?: string;
  regions?: string[];
  countries?: string[];
}

/** A story with every optional field filled, so a round trip that drops one fails. */
export function makeStory(shape: StoryShape): Story {
  const { id } = shape;
  const published = shape.published ?? '2026-02-07T10:00:00.000Z';
  return {
    id,
    item: {
      id,
      sourceId: shape.sourceId ?? 'tass',
      guid: `https://tass.com/world/${id}`,
      link: `https://tass.com/world/${id}?utm_source=rss`,
      url: `https://tass.com/world/${id}`,
      title: shape.title ?? `Story ${id}: talks in Geneva «resume»`,
      summary: shape.summary ?? 'Delegations met for a second day.',
      contentHtml: shape.contentHtml ?? '<p>Delegations met for a <b>second</b> day.</p>',
      published,
      dateFallback: 'first-seen',
      author: 'Ivan Petrov',
      categories: ['World', 'Diplomacy'],
      language: shape.language ?? 'en',
      image: 'https://tass.com/img/1.jpg',
      enclosures: [{ url: 'https://tass.com/img/1.jpg', type: 'image/jpeg', length: 12345 }],
      geo: { lat: 46.2, lon: 6.15 },
    },
    countries: shape.countries ?? ['CH'],
    regions: shape.regions ?? ['europe', 'world'],
    evidence: [{ country: 'CH', kind: 'dateline', match: 'GENEVA', weight: 3 }],
    copies: [],
    firstSeen: shape.firstSeen ?? published,
  };
}

/** Another outlet's copy of a story. */
export function makeCopy(itemId: string, sourceId = 'reuters'): Copy {
  return { itemId, sourceId, link: `https://example.com/${itemId}`, published: '2026-02-07T10:05:00.000Z' };
}
