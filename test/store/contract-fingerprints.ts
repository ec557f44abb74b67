import { describe, expect, it } from 'vitest';
import type { FingerprintWindow, Store } from '../../src/store/index.ts';

// Near the real clock: Redis expires keys by its own clock, so a past `now` would expire them at once.
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const WINDOW: FingerprintWindow = { now: NOW, hours: 72 };
const later = (hours: number): FingerprintWindow => ({ now: new Date(NOW.getTime() + hours * 3_600_000), hours: 72 });
const bytes = (...values: number[]) => Uint8Array.from(values);

/** The near-duplicate index part of the Store contract. */
export function describeFingerprints(current: () => Store): void {
  describe('fingerprint index', () => {
    it('finds a story under any of its band keys, with its signature bytes', async () => {
      await current().indexFingerprint({ storyId: 'a', bandKeys: ['0x1', '1x2', 't9'], signature: bytes(1, 2, 255, 0) }, WINDOW);
      expect(await current().findCandidates(['1x2'], WINDOW)).toEqual([{ storyId: 'a', signature: bytes(1, 2, 255, 0) }]);
      expect(await current().findCandidates(['0x1', 't9', 'zz'], WINDOW)).toEqual([{ storyId: 'a', signature: bytes(1, 2, 255, 0) }]);
      expect(await current().findCandidates(['zz'], WINDOW)).toEqual([]);
      expect(await current().findCandidates([], WINDOW)).toEqual([]);
    });

    it('returns every story sharing a band key once, and a band key keeps its first story', async () => {
      await current().indexFingerprint({ storyId: 'a', bandKeys: ['k1', 'k2'], signature: bytes(1) }, WINDOW);
      await current().indexFingerprint({ storyId: 'b', bandKeys: ['k2', 'k3'], signature: bytes(2) }, later(1));
      const found = await current().findCandidates(['k1', 'k2', 'k3'], later(1));
      expect(found.sort((x, y) => x.storyId.localeCompare(y.storyId))).toEqual([
        { storyId: 'a', signature: bytes(1) },
        { storyId: 'b', signature: bytes(2) },
      ]);
      expect(await current().findCandidates(['k2'], later(1))).toEqual([{ storyId: 'a', signature: bytes(1) }]);
    });

    it('forgets entries once the window has passed', async () => {
      await current().indexFingerprint({ storyId: 'a', bandKeys: ['k1'], signature: bytes(1) }, WINDOW);
      expect(await current().findCandidates(['k1'], later(71))).toHaveLength(1);
      // Expired entries may linger a little in storage, but never past a day after expiry.
      expect(await current().findCandidates(['k1'], later(72 + 24))).toEqual([]);
    });
  });
}
