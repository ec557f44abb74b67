import { describe, expect, it } from 'vitest';
import { QueryError } from '../../src/domain/index.ts';
import type { Store, StoryPage, StoryQuery } from '../../src/store/index.ts';
import { fileStories } from './filings.ts';
import { QUERIES, T, fileListing } from './contract-listing.ts';
import { makeStory } from './make-story.ts';

/** The ids of every page, walking from the first page (or a cursor) to the last; `between` runs before each next page. */
async function walk(store: Store, query: StoryQuery, between: (page: number) => Promise<void> = async () => {}): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor = query.cursor;
  do {
    if (pages.length > 0) await between(pages.length);
    const page: StoryPage = await store.listStories({ ...query, cursor });
    pages.push(page.stories.map((story) => story.id));
    cursor = page.next;
  } while (cursor !== undefined && pages.length < 20);
  return pages;
}

/** Cursor paging of listStories, and the queries it refuses. */
export function describePaging(current: () => Store): void {
  describe('listStories paging', () => {
    it('stops at the limit and offers a cursor only when more remain', async () => {
      await fileListing(current());
      const first = await current().listStories({ region: 'europe', limit: 2 });
      expect(first.stories.map((s) => s.id)).toEqual(['new', 'tie-d']);
      expect(first.next).toEqual(expect.any(String));
      const exact = await current().listStories({ region: 'europe', limit: 5 });
      expect(exact.stories).toHaveLength(5);
      expect(exact.next).toBeUndefined();
    });

    it('walks every page of every query, each matching story once, in order', async () => {
      await fileListing(current());
      for (const [name, query, expected] of QUERIES) {
        for (const limit of [1, 2, 4]) {
          const pages = await walk(current(), { ...query, limit });
          expect({ name, limit, ids: pages.flat() }).toEqual({ name, limit, ids: expected });
          expect(pages.every((page) => page.length <= limit && (page.length > 0 || expected.length === 0))).toBe(true);
        }
      }
    });

    it('keeps its place when newer and older stories are filed between pages', async () => {
      await fileListing(current());
      const first = await current().listStories({ limit: 3 });
      expect(first.stories.map((s) => s.id)).toEqual(['new', 'tie-d', 'tie-c']);
      // Before each next page, a story newer than the cursor (never shown below it) and one older (shown in its place).
      const arrivals = [
        [makeStory({ id: 'newest', published: T(30) }), makeStory({ id: 'tie-bb', published: T(5) })],
        [makeStory({ id: 'tie-e', published: T(5) }), makeStory({ id: 'tie-ab', published: T(5) }), makeStory({ id: 'oldest', published: T(0) })],
      ];
      const fileArrivals = async (step: number) => fileStories(current(), arrivals[step] ?? []);
      await fileArrivals(0);
      const rest = await walk(current(), { limit: 2, cursor: first.next }, fileArrivals);
      expect(rest).toEqual([
        ['tie-bb', 'tie-b'],
        ['tie-ab', 'tie-a'],
        ['old', 'oldest'],
      ]);
    });

    it('walks on from a cursor whose story was pruned since', async () => {
      await fileStories(current(), [
        makeStory({ id: 'a', published: T(3) }),
        makeStory({ id: 'b', published: T(2), firstSeen: '2026-01-01T00:00:00.000Z' }),
        makeStory({ id: 'c', published: T(1) }),
      ]);
      const first = await current().listStories({ limit: 2 });
      expect(first.stories.map((s) => s.id)).toEqual(['a', 'b']);
      expect(await current().prune(new Date('2026-02-01T00:00:00.000Z'))).toBe(1);
      expect((await current().listStories({ limit: 2, cursor: first.next })).stories.map((s) => s.id)).toEqual(['c']);
    });

    it('orders ids by code point, beyond the UTF-16 order of JavaScript', async () => {
      await fileStories(
        current(),
        ['a\u{1F600}', 'a\uFFFD', 'a~'].map((id) => makeStory({ id, published: T(5) })),
      );
      expect((await walk(current(), { country: 'CH', limit: 1 })).flat()).toEqual(['a\u{1F600}', 'a\uFFFD', 'a~']);
    });

    it('refuses a malformed cursor and a limit that is not a positive integer with a QueryError', async () => {
      await fileListing(current());
      await expect(current().listStories({ limit: 5, cursor: 'not-a-cursor' })).rejects.toThrow(QueryError);
      await expect(current().listStories({ region: 'world', limit: 5, cursor: '' })).rejects.toThrow(QueryError);
      for (const limit of [0, 1.5, -1, Number.NaN]) {
        await expect(current().listStories({ region: 'world', limit })).rejects.toThrow(QueryError);
      }
    });
  });
}
