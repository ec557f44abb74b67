// Page reads through the Store API on a filled store: a 20-story page by region, by country and by
// words, each timed as the median of repeated reads, against reading the same 20 stories by id.
import type { Store, StoryQuery } from '../../src/store/index.ts';
import { median } from './measure.ts';

/** Median milliseconds of one read of each kind, and how many stories each page held. */
export interface ReadFigures {
  region: number;
  country: number;
  words: number;
  /** Baseline: the region page's 20 stories read one by one with getStory. */
  byId: number;
  pageSizes: { region: number; country: number; words: number };
}

/** The pages read: what the served region and country feeds and the search box ask for. */
export const READ_QUERIES = {
  region: { region: 'europe', limit: 20 },
  country: { country: 'JP', limit: 20 },
  words: { q: 'harbor treaty', limit: 20 },
} satisfies Record<string, StoryQuery>;

async function timed(reads: number, read: () => Promise<unknown>): Promise<number> {
  await read();
  const samples: number[] = [];
  for (let i = 0; i < reads; i++) {
    const started = performance.now();
    await read();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Each page read `reads` times (after one warm-up), interleaving nothing: medians per kind. */
export async function measureReads(store: Store, reads: number): Promise<ReadFigures> {
  const page = async (query: StoryQuery) => (await store.listStories(query)).stories.length;
  const ids = (await store.listStories(READ_QUERIES.region)).stories.map((story) => story.id);
  return {
    region: await timed(reads, () => store.listStories(READ_QUERIES.region)),
    country: await timed(reads, () => store.listStories(READ_QUERIES.country)),
    words: await timed(reads, () => store.listStories(READ_QUERIES.words)),
    byId: await timed(reads, () => Promise.all(ids.map((id) => store.getStory(id)))),
    pageSizes: { region: await page(READ_QUERIES.region), country: await page(READ_QUERIES.country), words: await page(READ_QUERIES.words) },
  };
}
