import { describe, expect, it } from 'vitest';
import type { FingerprintCandidate, FingerprintWindow, Store } from '../../src/store/index.ts';
import { makeCopy, makeStory } from './make-story.ts';

// Near the real clock: Redis expires keys by its own clock, so a past `now` would expire them at once.
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const WINDOW: FingerprintWindow = { now: NOW, hours: 72 };
const later = (hours: number): FingerprintWindow => ({ now: new Date(NOW.getTime() + hours * 3_600_000), hours: 72 });
// A full-size signature (63 bytes, the most the dedupe stage writes) and short ones.
const FULL = Uint8Array.from({ length: 63 }, (_, i) => (i * 37) % 256);
const bytes = (...values: number[]) => Uint8Array.from(values);
const byId = (found: FingerprintCandidate[]) => [...found].sort((x, y) => x.storyId.localeCompare(y.storyId));

/** The near-duplicate index part of the Store contract, and the batch lookups dedupe makes. */
export function describeFingerprints(current: () => Store): void {
  const save = async (...ids: string[]) => {
    for (const id of ids) await current().saveStory(makeStory({ id, firstSeen: NOW.toISOString() }), []);
  };

  describe('fingerprint index', () => {
    it('finds a story under any of its band keys, with its signature bytes and the keys it holds', async () => {
      await save('a');
      await current().indexFingerprints([{ storyId: 'a', bandKeys: ['0x1', '1x2', 't9'], signature: FULL }], WINDOW);
      expect(await current().findCandidates(['1x2'], WINDOW)).toEqual([{ storyId: 'a', signature: FULL, bandKeys: ['1x2'] }]);
      expect(await current().findCandidates(['t9', 'zz', '0x1'], WINDOW)).toEqual([{ storyId: 'a', signature: FULL, bandKeys: ['t9', '0x1'] }]);
      expect(await current().findCandidates(['zz'], WINDOW)).toEqual([]);
      expect(await current().findCandidates([], WINDOW)).toEqual([]);
    });

    it('indexes a batch in order: a band key keeps its first story, each story is returned once', async () => {
      await save('a', 'b', 'c');
      await current().indexFingerprints(
        [
          { storyId: 'a', bandKeys: ['k1', 'k2'], signature: bytes(1) },
          { storyId: 'b', bandKeys: ['k2', 'k3'], signature: bytes(2, 0) },
        ],
        WINDOW,
      );
      await current().indexFingerprints([{ storyId: 'c', bandKeys: ['k3', 'k4'], signature: bytes(3) }], later(1));
      expect(byId(await current().findCandidates(['k1', 'k2', 'k3', 'k4', 'k2'], later(1)))).toEqual([
        { storyId: 'a', signature: bytes(1), bandKeys: ['k1', 'k2'] },
        { storyId: 'b', signature: bytes(2, 0), bandKeys: ['k3'] },
        { storyId: 'c', signature: bytes(3), bandKeys: ['k4'] },
      ]);
      expect(await current().indexFingerprints([], WINDOW)).toBeUndefined();
    });

    it('forgets entries once the window has passed', async () => {
      await save('a');
      await current().indexFingerprints([{ storyId: 'a', bandKeys: ['k1'], signature: bytes(1) }], WINDOW);
      expect(await current().findCandidates(['k1'], later(71))).toHaveLength(1);
      // Expired entries may linger in storage (Redis keeps up to two windows), never a second window more.
      expect(await current().findCandidates(['k1'], later(72 + 72))).toEqual([]);
    });

    it('returns no story that is not stored, such as one pruned before its entry expired', async () => {
      await current().saveStory(makeStory({ id: 'old', firstSeen: new Date(NOW.getTime() - 3_600_000).toISOString() }), []);
      await save('kept');
      const entries = ['old', 'kept', 'never-saved'].map((storyId) => ({ storyId, bandKeys: [`k-${storyId}`, 'shared'], signature: bytes(1) }));
      await current().indexFingerprints(entries, WINDOW);
      expect(await current().prune(new Date(NOW.getTime() - 60_000))).toBe(1);
      const found = await current().findCandidates(['k-old', 'k-kept', 'k-never-saved', 'shared'], WINDOW);
      expect(found).toEqual([{ storyId: 'kept', signature: bytes(1), bandKeys: ['k-kept'] }]);
    });
  });

  describe('identity lookups in a batch', () => {
    it('answers each list as findByIdentity would, in one call', async () => {
      await current().saveStory(makeStory({ id: 'a' }), ['url:a', 'guid:a']);
      await current().saveStory(makeStory({ id: 'b' }), ['url:b']);
      await current().addCopy('a', makeCopy('c'), ['url:c', 'url:b']);
      const lists = [['url:none', 'url:b'], ['url:c'], [], ['url:none'], ['guid:a', 'url:b'], ['url:b', 'url:a']];
      expect(await current().findByIdentities(lists)).toEqual(['b', 'a', undefined, undefined, 'a', 'b']);
      expect(await current().findByIdentities([])).toEqual([]);
    });
  });
}
