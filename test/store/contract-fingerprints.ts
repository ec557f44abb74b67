import { describe, expect, it } from 'vitest';
import type { FingerprintCandidate, FingerprintWindow, Store } from '../../src/store/index.ts';
import { NOW, WINDOW_HOURS, copyEntry, fileAll, filing, hoursLater, newEntry, sourceState } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

const WINDOW: FingerprintWindow = { now: NOW, hours: WINDOW_HOURS };
const later = (hours: number): FingerprintWindow => ({ now: hoursLater(hours), hours: WINDOW_HOURS });
// A full-size signature (63 bytes, the most the dedupe stage writes) and short ones.
const FULL = Uint8Array.from({ length: 63 }, (_, i) => (i * 37) % 256);
const bytes = (...values: number[]) => Uint8Array.from(values);
const byId = (found: FingerprintCandidate[]) => [...found].sort((x, y) => x.storyId.localeCompare(y.storyId));

/** The near-duplicate index and the reporters lookup, part of the DedupeLookup port. */
export function describeFingerprints(current: () => Store): void {
  describe('findCandidates', () => {
    it('finds a story under any of its band keys, with its signature bytes and the keys it holds in asked order', async () => {
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a' }), { bandKeys: ['0x1', '1x2', 't9'], signature: FULL })]));
      expect(await current().findCandidates(['1x2'], WINDOW)).toEqual([{ storyId: 'a', signature: FULL, bandKeys: ['1x2'] }]);
      expect(await current().findCandidates(['t9', 'zz', '0x1'], WINDOW)).toEqual([{ storyId: 'a', signature: FULL, bandKeys: ['t9', '0x1'] }]);
      expect(await current().findCandidates(['zz'], WINDOW)).toEqual([]);
      expect(await current().findCandidates([], WINDOW)).toEqual([]);
    });

    it('keeps a band key with its first live holder and returns each story once', async () => {
      await fileAll(
        current(),
        filing([
          newEntry(makeStory({ id: 'a' }), { bandKeys: ['k1', 'k2'], signature: bytes(1) }),
          newEntry(makeStory({ id: 'b' }), { bandKeys: ['k2', 'k3'], signature: bytes(2, 0) }),
        ]),
      );
      await fileAll(
        current(),
        filing([newEntry(makeStory({ id: 'c' }), { bandKeys: ['k3', 'k4'], signature: bytes(3), bandHolders: ['b', null] })], { now: hoursLater(1) }),
      );
      expect(byId(await current().findCandidates(['k1', 'k2', 'k3', 'k4', 'k2'], later(1)))).toEqual([
        { storyId: 'a', signature: bytes(1), bandKeys: ['k1', 'k2'] },
        { storyId: 'b', signature: bytes(2, 0), bandKeys: ['k3'] },
        { storyId: 'c', signature: bytes(3), bandKeys: ['k4'] },
      ]);
    });

    it('returns no entry that has expired at the window’s now', async () => {
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a' }), { bandKeys: ['k1'], signature: bytes(1) })]));
      await fileAll(current(), filing([newEntry(makeStory({ id: 'b' }), { bandKeys: ['k2'], signature: bytes(2) })], { now: hoursLater(2) }));
      expect(byId(await current().findCandidates(['k1', 'k2'], later(WINDOW_HOURS - 1)))).toEqual([
        { storyId: 'a', signature: bytes(1), bandKeys: ['k1'] },
        { storyId: 'b', signature: bytes(2), bandKeys: ['k2'] },
      ]);
      expect(await current().findCandidates(['k1', 'k2'], later(WINDOW_HOURS + 1))).toEqual([{ storyId: 'b', signature: bytes(2), bandKeys: ['k2'] }]);
      expect(await current().findCandidates(['k1', 'k2'], later(WINDOW_HOURS + 3))).toEqual([]);
    });

    it('returns no story that is not stored, such as one pruned before its entry expired', async () => {
      await fileAll(
        current(),
        filing([
          newEntry(makeStory({ id: 'old', firstSeen: '2026-01-01T00:00:00.000Z' }), { bandKeys: ['k-old', 'shared'], signature: bytes(1) }),
          newEntry(makeStory({ id: 'kept', firstSeen: '2026-02-01T00:00:00.000Z' }), { bandKeys: ['k-kept', 'shared'], signature: bytes(2) }),
        ]),
      );
      expect(await current().prune(new Date('2026-02-01T00:00:00.000Z'))).toBe(1);
      expect(await current().findCandidates(['k-old', 'k-kept', 'shared'], WINDOW)).toEqual([{ storyId: 'kept', signature: bytes(2), bandKeys: ['k-kept'] }]);
    });
  });

  describe('findReporters', () => {
    it('names the items and sources of the first item and every copy, in filing order', async () => {
      const a = { ...makeStory({ id: 'a' }), copies: [makeCopy('first', 'afp')] };
      await fileAll(current(), filing([newEntry(a), newEntry(makeStory({ id: 'b', sourceId: 'ap' })), copyEntry('a', makeCopy('c1'))]));
      await fileAll(current(), filing([copyEntry('a', makeCopy('c2', 'ap'))], { state: sourceState('ap') }));
      expect(await current().findReporters(['a', 'ghost', 'b'])).toEqual(
        new Map([
          ['a', { itemIds: ['a', 'first', 'c1', 'c2'], sourceIds: ['tass', 'afp', 'reuters', 'ap'] }],
          ['b', { itemIds: ['b'], sourceIds: ['ap'] }],
        ]),
      );
      expect(await current().findReporters(['ghost'])).toEqual(new Map());
      expect(await current().findReporters([])).toEqual(new Map());
    });
  });
}
