import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { NOW, WINDOW_HOURS, copyEntry, fileAll, filing, newEntry, sourceState } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

const CUTOFF = new Date('2026-02-01T00:00:00.000Z');
const GONE = makeStory({ id: 'gone', firstSeen: '2026-01-31T23:59:59.999Z', countries: ['RU'], title: 'Kuril talks' });
const KEPT = makeStory({ id: 'kept', firstSeen: CUTOFF.toISOString() });
const ids = async (store: Store, query: Parameters<Store['listStories']>[0]) => (await store.listStories(query)).stories.map((s) => s.id);

/** prune, and the source states: forgetSources and listSourceStates. */
export function describePrune(current: () => Store): void {
  describe('prune', () => {
    it('removes stories first seen before the cutoff from every read, and keeps the others', async () => {
      const store = current();
      await fileAll(
        store,
        filing([
          newEntry(GONE, { identityKeys: ['url:gone', 'guid:g'], bandKeys: ['k-gone'] }),
          newEntry(KEPT, { identityKeys: ['url:kept'], bandKeys: ['k-kept'] }),
          copyEntry('gone', makeCopy('c1', 'afp'), ['url:copy', 'url:kept']),
        ]),
      );
      expect(await ids(store, { source: 'afp', q: 'kuril', limit: 10 })).toEqual(['gone']);
      expect(await store.prune(CUTOFF)).toBe(1);
      expect(await store.getStory('gone')).toBeUndefined();
      expect(await store.getStory('kept')).toEqual(KEPT);
      // A key the pruned story's copy named but another story held stays with that story.
      expect(await store.findHolders(['item:gone', 'url:gone', 'guid:g', 'item:c1', 'url:copy', 'url:kept', 'item:kept'])).toEqual(
        new Map([
          ['url:kept', 'kept'],
          ['item:kept', 'kept'],
        ]),
      );
      expect(await store.findCandidates(['k-gone', 'k-kept'], { now: NOW, hours: WINDOW_HOURS })).toEqual([
        { storyId: 'kept', signature: Uint8Array.of(1, 2, 3), bandKeys: ['k-kept'] },
      ]);
      expect(await store.findReporters(['gone', 'kept'])).toEqual(new Map([['kept', { itemIds: ['kept'], sourceIds: ['tass'] }]]));
      for (const query of [{}, { region: 'europe' }, { country: 'CH' }, { source: 'tass' }, { language: 'en' }]) {
        expect(await ids(store, { ...query, limit: 10 })).toEqual(['kept']);
      }
      for (const query of [{ country: 'RU' }, { source: 'afp' }, { q: 'kuril' }]) {
        expect(await ids(store, { ...query, limit: 10 })).toEqual([]);
      }
      expect((await store.stats()).stories).toBe(1);
      expect(await store.prune(CUTOFF)).toBe(0);
    });

    it('counts every story it removes', async () => {
      const stories = ['a', 'b', 'c'].map((id, i) => makeStory({ id, firstSeen: `2026-01-0${i + 1}T00:00:00.000Z` }));
      await fileAll(current(), filing(stories.map((story) => newEntry(story))));
      expect(await current().prune(new Date('2026-01-03T00:00:00.000Z'))).toBe(2);
      expect(await ids(current(), { limit: 10 })).toEqual(['c']);
      expect(await current().prune(new Date('2026-03-01T00:00:00.000Z'))).toBe(1);
      expect((await current().stats()).stories).toBe(0);
    });

    it("bumps the pruned stories' feeds at the caller's clock, not the wall clock", async () => {
      const later = new Date(NOW.getTime() + 365 * 86_400_000);
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a', firstSeen: '2026-01-01T00:00:00.000Z', countries: ['RU'] }))]));
      expect(await current().prune(CUTOFF, later)).toBe(1);
      expect(await current().feedVersions([{ kind: 'all' }, { kind: 'country', code: 'RU' }])).toEqual([
        { version: later.getTime() },
        { version: later.getTime() },
      ]);
    });

    it('releases the keys of a pruned story for a new story to claim, and its id', async () => {
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a', firstSeen: '2026-01-01T00:00:00.000Z' }), { identityKeys: ['url:a'] })]));
      expect(await current().prune(CUTOFF)).toBe(1);
      await fileAll(current(), filing([newEntry(makeStory({ id: 'b' }), { identityKeys: ['url:a'] })]));
      expect(await current().findHolders(['url:a'])).toEqual(new Map([['url:a', 'b']]));
      const again = makeStory({ id: 'a', regions: ['asia'] });
      await fileAll(current(), filing([newEntry(again, { identityKeys: ['guid:a'] })]));
      expect(await current().getStory('a')).toEqual(again);
      expect(await current().findHolders(['item:a', 'guid:a'])).toEqual(
        new Map([
          ['item:a', 'a'],
          ['guid:a', 'a'],
        ]),
      );
      expect(await ids(current(), { region: 'asia', limit: 10 })).toEqual(['a']);
      expect(await ids(current(), { region: 'europe', limit: 10 })).toEqual(['b']);
    });
  });

  describe('source states', () => {
    it('lists every state by source id, and forgets those not kept', async () => {
      expect(await current().listSourceStates()).toEqual([]);
      for (const sourceId of ['tass', 'afp', 'reuters', 'ap']) await fileAll(current(), filing([], { state: sourceState(sourceId, 1) }));
      expect(await current().listSourceStates()).toStrictEqual(['afp', 'ap', 'reuters', 'tass'].map((id) => sourceState(id, 1)));
      expect(await current().forgetSources(['tass', 'ap', 'nowhere'])).toBe(2);
      expect(await current().listSourceStates()).toStrictEqual([sourceState('ap', 1), sourceState('tass', 1)]);
      expect(await current().getSourceState('afp')).toBeUndefined();
      expect(await current().forgetSources(['tass', 'ap'])).toBe(0);
      expect(await current().forgetSources([])).toBe(2);
      expect(await current().listSourceStates()).toEqual([]);
    });
  });
}
