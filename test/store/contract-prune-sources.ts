import { describe, expect, it } from 'vitest';
import type { Store, StoryQuery } from '../../src/store/index.ts';
import { NOW, copyEntry, fileAll, filing, newEntry, sourceState } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

const EARLY = new Date('2026-01-01T00:00:00.000Z');
const ids = async (store: Store, query: Omit<StoryQuery, 'limit'> = {}) => (await store.listStories({ limit: 50, ...query })).stories.map((s) => s.id);
const seenAt = (hour: number) => `2026-02-0${1 + Math.floor(hour / 24)}T${String(hour % 24).padStart(2, '0')}:00:00.000Z`;

// tass starts t0..t3 an hour apart, afp starts a0 before all of them and copies t0 (and claims url:copy).
async function fileTwoSources(store: Store): Promise<void> {
  const tass = [0, 1, 2, 3].map((hour) => makeStory({ id: `t${hour}`, firstSeen: seenAt(hour + 1), countries: ['RU'] }));
  await fileAll(store, filing(tass.map((story) => newEntry(story, { identityKeys: [`url:${story.id}`], bandKeys: [`k-${story.id}`] }))));
  const a0 = makeStory({ id: 'a0', sourceId: 'afp', firstSeen: seenAt(0) });
  await fileAll(
    store,
    filing([newEntry(a0, { identityKeys: ['url:a0'] }), copyEntry('t0', makeCopy('c0', 'afp'), ['url:copy'])], { state: sourceState('afp') }),
  );
}

/** pruneSources: each source's cap on the stories it started, and its own days. */
export function describePruneSources(current: () => Store): void {
  describe('pruneSources', () => {
    it("keeps a source's newest stories by first seen and removes the rest with everything about them", async () => {
      const store = current();
      await fileTwoSources(store);
      expect(await store.pruneSources([{ sourceId: 'tass', since: EARLY, keep: 2 }])).toBe(2);
      expect(await ids(store)).toEqual(['t3', 't2', 'a0']);
      expect(await store.getStory('t0')).toBeUndefined();
      // The copy's keys went with its story; afp's own story stays in afp's listing.
      expect(await store.findHolders(['item:t0', 'url:t0', 'item:c0', 'url:copy', 'url:t1', 'url:t2', 'url:a0'])).toEqual(
        new Map([
          ['url:t2', 't2'],
          ['url:a0', 'a0'],
        ]),
      );
      expect(await store.findCandidates(['k-t0', 'k-t1', 'k-t3'], { now: NOW, hours: 72 })).toEqual([
        { storyId: 't3', signature: Uint8Array.of(1, 2, 3), bandKeys: ['k-t3'] },
      ]);
      expect(await ids(store, { source: 'afp' })).toEqual(['a0']);
      expect(await ids(store, { country: 'RU' })).toEqual(['t3', 't2']);
      expect((await store.stats()).stories).toBe(3);
      expect(await store.pruneSources([{ sourceId: 'tass', since: EARLY, keep: 2 }])).toBe(0);
    });

    it("does not count a copy for its own source, nor touch another source's stories", async () => {
      const store = current();
      await fileTwoSources(store);
      expect(await store.pruneSources([{ sourceId: 'afp', since: EARLY, keep: 1 }])).toBe(0);
      expect(
        await store.pruneSources([
          { sourceId: 'afp', since: EARLY, keep: 0 },
          { sourceId: 'nowhere', since: NOW, keep: 0 },
        ]),
      ).toBe(1);
      expect(await ids(store)).toEqual(['t3', 't2', 't1', 't0']);
      expect(await ids(store, { source: 'afp' })).toEqual(['t0']);
    });

    it("removes a source's stories first seen before its own cutoff, and only its own", async () => {
      const store = current();
      await fileTwoSources(store);
      expect(await store.pruneSources([{ sourceId: 'tass', since: new Date(seenAt(3)) }])).toBe(2);
      expect(await ids(store)).toEqual(['t3', 't2', 'a0']);
      // Days and a cap together: the expired go, then the surplus of what is left.
      expect(await store.pruneSources([{ sourceId: 'tass', since: new Date(seenAt(4)), keep: 0 }])).toBe(2);
      expect(await ids(store)).toEqual(['a0']);
    });

    it('breaks a tie in first seen by id, keeping the greater, and counts a story filed again under a pruned id', async () => {
      const store = current();
      const same = ['x', 'y', 'z'].map((id) => makeStory({ id, firstSeen: seenAt(5) }));
      await fileAll(store, filing(same.map((story) => newEntry(story))));
      expect(await store.pruneSources([{ sourceId: 'tass', since: EARLY, keep: 1 }])).toBe(2);
      expect(await ids(store)).toEqual(['z']);
      await fileAll(store, filing([newEntry(makeStory({ id: 'x', firstSeen: seenAt(6) }))]));
      expect(await store.pruneSources([{ sourceId: 'tass', since: EARLY, keep: 1 }])).toBe(1);
      expect(await ids(store)).toEqual(['x']);
    });

    it('forgets what day pruning removed, so the cap counts only stored stories', async () => {
      const store = current();
      await fileTwoSources(store);
      expect(await store.prune(new Date(seenAt(3)))).toBe(3);
      expect(await store.pruneSources([{ sourceId: 'tass', since: EARLY, keep: 2 }])).toBe(0);
      expect(await ids(store)).toEqual(['t3', 't2']);
    });

    it("bumps the removed stories' feeds at the caller's clock", async () => {
      const store = current();
      const later = new Date(NOW.getTime() + 365 * 86_400_000);
      await fileTwoSources(store);
      expect(await store.pruneSources([{ sourceId: 'tass', since: EARLY, keep: 3 }], later)).toBe(1);
      expect(await store.feedVersions([{ kind: 'country', code: 'RU' }, { kind: 'all' }])).toEqual([
        { version: later.getTime() },
        { version: later.getTime() },
      ]);
    });
  });
}
