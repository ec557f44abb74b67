import { describe, expect, it } from 'vitest';
import type { Store, StoryPage } from '../../src/store/index.ts';
import { makeCopy, makeStory } from './make-story.ts';

// Equal timestamps are the hard case for cursors: ids break the tie, descending.
const T = (minute: number) => `2026-02-07T10:${String(minute).padStart(2, '0')}:00.000Z`;
const STORIES = [
  makeStory({ id: 'old', published: T(1), countries: ['RU'], regions: ['europe', 'world'] }),
  makeStory({ id: 'tie-b', published: T(5), countries: ['JP'], regions: ['asia', 'world'] }),
  makeStory({ id: 'tie-d', published: T(5) }),
  makeStory({ id: 'tie-a', published: T(5) }),
  makeStory({ id: 'tie-c', published: '2026-02-07T12:05:00+02:00' }),
  makeStory({ id: 'new', published: T(9), countries: ['CH', 'FR'] }),
];
const WORLD_ORDER = ['new', 'tie-d', 'tie-c', 'tie-b', 'tie-a', 'old'];

async function saveAll(store: Store): Promise<void> {
  for (const story of STORIES) await store.saveStory(story, [`url:${story.id}`]);
}

async function readAll(read: (cursor?: string) => Promise<StoryPage>): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push(page.stories.map((story) => story.id));
    cursor = page.next;
  } while (cursor !== undefined && pages.length < 20);
  return pages;
}

/** Listing, paging and pruning, part of the store contract. */
export function describeListing(current: () => Store): void {
  describe('listing', () => {
    it('lists a region and a country newest first, ties by id descending', async () => {
      const store = current();
      await saveAll(store);
      expect((await store.listRegion('world', { limit: 10 })).stories.map((s) => s.id)).toEqual(WORLD_ORDER);
      expect((await store.listRegion('asia', { limit: 10 })).stories.map((s) => s.id)).toEqual(['tie-b']);
      const swiss = await store.listCountry('CH', { limit: 10 });
      expect(swiss.stories.map((s) => s.id)).toEqual(['new', 'tie-d', 'tie-c', 'tie-a']);
      expect(swiss.stories[0]).toEqual(STORIES[5]);
      expect(swiss.next).toBeUndefined();
      expect(await store.listRegion('oceania', { limit: 10 })).toEqual({ stories: [] });
    });

    it('stops at the limit and offers a cursor only when more remain', async () => {
      const store = current();
      await saveAll(store);
      const first = await store.listRegion('europe', { limit: 2 });
      expect(first.stories.map((s) => s.id)).toEqual(['new', 'tie-d']);
      expect(first.next).toEqual(expect.any(String));
      const exact = await store.listRegion('europe', { limit: 5 });
      expect(exact.stories).toHaveLength(5);
      expect(exact.next).toBeUndefined();
    });

    it('pages through equal timestamps without losing or repeating a story', async () => {
      const store = current();
      await saveAll(store);
      for (const limit of [1, 2, 4]) {
        const pages = await readAll((cursor) => store.listRegion('world', { limit, cursor }));
        expect(pages.flat()).toEqual(WORLD_ORDER);
        expect(pages.every((page) => page.length <= limit)).toBe(true);
      }
    });

    it('keeps its place when newer stories arrive between pages', async () => {
      const store = current();
      await saveAll(store);
      const first = await store.listRegion('world', { limit: 3 });
      await store.saveStory(makeStory({ id: 'newest', published: T(30) }), []);
      await store.saveStory(makeStory({ id: 'tie-e', published: T(5) }), []);
      const second = await store.listRegion('world', { limit: 3, cursor: first.next });
      expect(first.stories.map((s) => s.id)).toEqual(['new', 'tie-d', 'tie-c']);
      expect(second.stories.map((s) => s.id)).toEqual(['tie-b', 'tie-a', 'old']);
    });

    it('orders ids by code point as Redis does, beyond the UTF-16 order of JavaScript', async () => {
      const store = current();
      for (const id of ['a\u{1F600}', 'a\uFFFD', 'a~']) await store.saveStory(makeStory({ id, published: T(5) }), []);
      const pages = await readAll((cursor) => store.listCountry('CH', { limit: 1, cursor }));
      expect(pages.flat()).toEqual(['a\u{1F600}', 'a\uFFFD', 'a~']);
    });
  });

  describe('prune', () => {
    it('removes stories first seen before the cutoff from every index', async () => {
      const store = current();
      await store.saveStory(makeStory({ id: 'gone', firstSeen: '2026-01-01T00:00:00.000Z' }), ['url:gone', 'guid:g']);
      await store.saveStory(makeStory({ id: 'kept', firstSeen: '2026-02-01T00:00:00.000Z' }), ['url:kept']);
      await store.addCopy('gone', makeCopy('c1'), ['url:copy', 'url:kept']);
      const removed = await store.prune(new Date('2026-02-01T00:00:00.000Z'));
      expect(removed).toBe(1);
      expect(await store.getStory('gone')).toBeUndefined();
      expect(await store.findByIdentity(['url:gone'])).toBeUndefined();
      expect(await store.findByIdentity(['guid:g', 'url:copy'])).toBeUndefined();
      // A key the pruned story's copy named but another story held stays with that story.
      expect(await store.findByIdentity(['url:kept'])).toBe('kept');
      expect((await store.listRegion('europe', { limit: 10 })).stories.map((s) => s.id)).toEqual(['kept']);
      expect((await store.listCountry('CH', { limit: 10 })).stories.map((s) => s.id)).toEqual(['kept']);
      expect(await store.stats()).toEqual({ stories: 1 });
      expect(await store.prune(new Date('2026-02-01T00:00:00.000Z'))).toBe(0);
    });

    it('lets a pruned story id and its keys be used again', async () => {
      const store = current();
      await store.saveStory(makeStory({ id: 'a', firstSeen: '2026-01-01T00:00:00.000Z' }), ['url:a']);
      expect(await store.prune(new Date('2026-03-01T00:00:00.000Z'))).toBe(1);
      const again = makeStory({ id: 'a', regions: ['asia'] });
      await store.saveStory(again, ['url:a']);
      expect(await store.getStory('a')).toEqual(again);
      expect(await store.findByIdentity(['url:a'])).toBe('a');
      expect((await store.listRegion('asia', { limit: 10 })).stories).toEqual([again]);
      expect((await store.listRegion('europe', { limit: 10 })).stories).toEqual([]);
    });
  });
}
