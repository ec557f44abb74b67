import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, StoreError, type Story } from '../../src/domain/index.ts';
import type { Store } from '../../src/store/index.ts';
import { makeCopy, makeStory } from './make-story.ts';
import { describeListing } from './contract-listing.ts';
import { describeFingerprints } from './contract-fingerprints.ts';

/** A fresh, empty store and how to dispose of it. */
export type MakeStore = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

/** The behaviour every Store must show, run against one implementation. */
export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });
    const current = () => store;

    it('returns a saved story with every field, and nothing for an unknown id', async () => {
      const story = makeStory({ id: 'tass-1' });
      await store.saveStory(story, ['url:https://tass.com/world/tass-1']);
      expect(await store.getStory('tass-1')).toEqual(story);
      expect(await store.getStory('tass-2')).toBeUndefined();
    });

    it('hands out copies: changing a returned story does not change the stored one', async () => {
      await store.saveStory(makeStory({ id: 'a' }), []);
      const read = (await store.getStory('a')) as Story;
      read.item.title = 'changed';
      read.copies.push(makeCopy('x'));
      expect(await store.getStory('a')).toEqual(makeStory({ id: 'a' }));
    });

    it('refuses to save a story id twice and keeps the first', async () => {
      await store.saveStory(makeStory({ id: 'a' }), ['url:one']);
      const second = { ...makeStory({ id: 'a', regions: ['asia'] }), firstSeen: '2026-03-01T00:00:00.000Z' };
      await expect(store.saveStory(second, ['url:two'])).rejects.toThrow(StoreError);
      await expect(store.saveStory(second, [])).rejects.toThrow(/^store: story a already exists/);
      expect(await store.getStory('a')).toEqual(makeStory({ id: 'a' }));
      expect(await store.findByIdentity(['url:two'])).toBeUndefined();
      expect((await store.listRegion('asia', { limit: 10 })).stories).toEqual([]);
      expect(await store.stats()).toEqual({ stories: 1 });
    });

    it('finds a story by any of its identity keys', async () => {
      expect(await store.saveStory(makeStory({ id: 'a' }), ['url:https://x/a', 'guid:tass:17'])).toEqual({ saved: true });
      await store.saveStory(makeStory({ id: 'b' }), ['url:https://x/b']);
      expect(await store.findByIdentity(['guid:tass:17'])).toBe('a');
      expect(await store.findByIdentity(['url:https://x/a'])).toBe('a');
      expect(await store.findByIdentity(['url:nope', 'url:https://x/b'])).toBe('b');
      expect(await store.findByIdentity(['url:https://x/b', 'url:https://x/a'])).toBe('b');
      expect(await store.findByIdentity(['url:nope'])).toBeUndefined();
      expect(await store.findByIdentity([])).toBeUndefined();
    });

    it('does not save a story whose identity key another story holds, and names that story', async () => {
      await store.saveStory(makeStory({ id: 'a' }), ['url:https://x/a', 'guid:tass:17']);
      const outcome = await store.saveStory(makeStory({ id: 'b' }), ['url:https://x/b', 'guid:tass:17']);
      expect(outcome).toEqual({ saved: false, existingStoryId: 'a' });
      expect(await store.getStory('b')).toBeUndefined();
      expect(await store.findByIdentity(['url:https://x/b'])).toBeUndefined();
      expect(await store.stats()).toEqual({ stories: 1 });
    });

    it('stores a story once when two saves of it race', async () => {
      const outcomes = await Promise.all([
        store.saveStory(makeStory({ id: 'a' }), ['url:https://x/same']),
        store.saveStory(makeStory({ id: 'b' }), ['url:https://x/same']),
      ]);
      expect(outcomes.filter((outcome) => outcome.saved)).toHaveLength(1);
      expect(await store.stats()).toEqual({ stories: 1 });
    });

    it('appends copies in order after those saved with the story, and indexes their keys', async () => {
      const story = { ...makeStory({ id: 'a' }), copies: [makeCopy('first', 'afp')] };
      await store.saveStory(story, ['url:a']);
      await store.addCopy('a', makeCopy('second'), ['url:second']);
      await store.addCopy('a', makeCopy('third', 'ap'), ['url:third', 'guid:urn:third']);
      const read = await store.getStory('a');
      expect(read?.copies).toEqual([makeCopy('first', 'afp'), makeCopy('second'), makeCopy('third', 'ap')]);
      expect(await store.findByIdentity(['guid:urn:third'])).toBe('a');
      expect(await store.findByIdentity(['url:second'])).toBe('a');
    });

    it('refuses a copy of a story that does not exist', async () => {
      await expect(store.addCopy('ghost', makeCopy('x'), ['url:x'])).rejects.toThrow(
        /^store: cannot add a copy to story ghost/,
      );
      expect(await store.findByIdentity(['url:x'])).toBeUndefined();
    });

    it('refuses a story whose published date does not parse', async () => {
      const story = makeStory({ id: 'a', published: 'yesterday' });
      await expect(store.saveStory(story, ['url:a'])).rejects.toThrow(StoreError);
      expect(await store.getStory('a')).toBeUndefined();
    });

    it('round-trips source state, dropping undefined fields, and overwrites it', async () => {
      expect(await store.getSourceState('tass')).toBeUndefined();
      const state = {
        sourceId: 'tass',
        lastFetchedAt: '2026-02-07T10:00:00.000Z',
        lastSuccessAt: '2026-02-07T10:00:00.000Z',
        etag: 'W/"abc"',
        lastModified: 'Sat, 07 Feb 2026 10:00:00 GMT',
        warnings: ['recovered from invalid XML'],
        consecutiveFailures: 0,
        itemsSeen: 42,
      };
      await store.saveSourceState({ ...state, lastError: undefined });
      expect(await store.getSourceState('tass')).toStrictEqual(state);
      await store.saveSourceState({ sourceId: 'tass', consecutiveFailures: 3, itemsSeen: 42, lastError: 'fetch: 503' });
      expect(await store.getSourceState('tass')).toStrictEqual({
        sourceId: 'tass',
        consecutiveFailures: 3,
        itemsSeen: 42,
        lastError: 'fetch: 503',
      });
      expect(await store.getSourceState('reuters')).toBeUndefined();
    });

    it('counts stories', async () => {
      expect(await store.stats()).toEqual({ stories: 0 });
      await store.saveStory(makeStory({ id: 'a' }), []);
      await store.saveStory(makeStory({ id: 'b' }), []);
      await store.addCopy('a', makeCopy('c'), []);
      expect(await store.stats()).toEqual({ stories: 2 });
    });

    it('refuses a malformed cursor as a missing page and a limit below one', async () => {
      await expect(store.listRegion('world', { limit: 5, cursor: 'not-a-cursor' })).rejects.toThrow(NotFoundError);
      await expect(store.listRegion('world', { limit: 0 })).rejects.toThrow(StoreError);
      await expect(store.listCountry('CH', { limit: 1.5 })).rejects.toThrow(StoreError);
    });

    it('throws StoreError once closed', async () => {
      await store.close();
      await expect(store.getStory('a')).rejects.toThrow(StoreError);
      await expect(store.saveStory(makeStory({ id: 'a' }), [])).rejects.toThrow(StoreError);
    });

    describeListing(current);
    describeFingerprints(current);
  });
}
