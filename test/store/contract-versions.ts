import { describe, expect, it } from 'vitest';
import type { FeedRef, Store } from '../../src/store/index.ts';
import { NOW, copyEntry, fileAll, filing, hoursLater, newEntry, sourceState } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

// Story a is in europe, world, CH and FR; story b in asia and JP.
const A = makeStory({ id: 'a', countries: ['CH', 'FR'], firstSeen: '2026-01-01T00:00:00.000Z' });
const B = makeStory({ id: 'b', countries: ['JP'], regions: ['asia'], firstSeen: '2026-02-01T00:00:00.000Z' });
const OF_A: FeedRef[] = [
  { kind: 'all' },
  { kind: 'region', id: 'europe' },
  { kind: 'region', id: 'world' },
  { kind: 'country', code: 'CH' },
  { kind: 'country', code: 'FR' },
];
const OF_B: FeedRef[] = [
  { kind: 'region', id: 'asia' },
  { kind: 'country', code: 'JP' },
];

const versions = async (store: Store, feeds: FeedRef[]) => (await store.feedVersions(feeds)).map((feed) => feed.version);
const zeros = (feeds: FeedRef[]) => feeds.map(() => 0);

/** feedVersions: which filings change which feeds, and how versions grow. */
export function describeVersions(current: () => Store): void {
  describe('feedVersions', () => {
    it('is 0 for every feed before any change, in the order asked', async () => {
      expect(await current().feedVersions([...OF_A, ...OF_B])).toEqual([...OF_A, ...OF_B].map(() => ({ version: 0 })));
      expect(await current().feedVersions([])).toEqual([]);
    });

    it('bumps each region and country of a new story and everything, to at least the filing’s time, and no other feed', async () => {
      const at = hoursLater(5);
      await fileAll(current(), filing([newEntry(A)], { now: at }));
      expect(Math.min(...(await versions(current(), OF_A)))).toBeGreaterThanOrEqual(at.getTime());
      expect(await versions(current(), [...OF_B, { kind: 'region', id: 'CH' }, { kind: 'country', code: 'europe' }])).toEqual([0, 0, 0, 0]);
    });

    it('bumps the feeds of a story a copy attaches to, and only those', async () => {
      await fileAll(current(), filing([newEntry(A), newEntry(B)]));
      const [beforeA, beforeB] = [await versions(current(), OF_A), await versions(current(), OF_B)];
      await fileAll(current(), filing([copyEntry('a', makeCopy('c'))], { state: sourceState('reuters'), now: hoursLater(1) }));
      const afterA = await versions(current(), OF_A);
      expect(afterA.map((version, i) => version > (beforeA[i] as number) && version >= hoursLater(1).getTime())).toEqual(OF_A.map(() => true));
      expect(await versions(current(), OF_B)).toEqual(beforeB);
    });

    it('strictly increases with every change, when the clock does not move or goes back', async () => {
      const seen: number[] = [];
      for (const [id, now] of [
        ['a', NOW],
        ['b', NOW],
        ['c', hoursLater(-1)],
      ] as const) {
        await fileAll(current(), filing([newEntry(makeStory({ id }))], { now }));
        seen.push(...(await versions(current(), [{ kind: 'all' }, { kind: 'country', code: 'CH' }])));
      }
      const [all1, ch1, all2, ch2, all3, ch3] = seen as [number, number, number, number, number, number];
      expect(all1).toBeGreaterThanOrEqual(NOW.getTime());
      expect([all2 > all1, all3 > all2, ch1 >= NOW.getTime(), ch2 > ch1, ch3 > ch2]).toEqual([true, true, true, true, true]);
    });

    it('bumps nothing for a filing that conflicts or files only a state', async () => {
      await fileAll(current(), filing([newEntry(A)]));
      const before = await versions(current(), [...OF_A, ...OF_B]);
      const conflicting = filing([newEntry(B), copyEntry('ghost', makeCopy('c'))], { now: hoursLater(1) });
      expect(await current().fileSource(conflicting)).toEqual({ filed: false, conflict: expect.stringMatching(/\S/) });
      await fileAll(current(), filing([], { state: sourceState('ap'), now: hoursLater(2) }));
      expect(await versions(current(), [...OF_A, ...OF_B])).toEqual(before);
      expect(await versions(current(), OF_B)).toEqual(zeros(OF_B));
    });

    it('bumps the feeds of the stories prune removes, and only those', async () => {
      await fileAll(current(), filing([newEntry(A), newEntry(B)]));
      const [beforeA, beforeB] = [await versions(current(), OF_A), await versions(current(), OF_B)];
      expect(await current().prune(new Date('2026-01-15T00:00:00.000Z'))).toBe(1);
      const afterA = await versions(current(), OF_A);
      expect(afterA.map((version, i) => version > (beforeA[i] as number))).toEqual(OF_A.map(() => true));
      expect(await versions(current(), OF_B)).toEqual(beforeB);
    });
  });
}
