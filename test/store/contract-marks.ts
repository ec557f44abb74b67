import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { NOW, hoursLater } from './filings.ts';

/** markPolled / lastPolled: the note every process reads to tell whether a worker is polling. */
export function describeMarks(current: () => Store): void {
  describe('markPolled and lastPolled', () => {
    it('knows no poll before one is noted', async () => {
      expect(await current().lastPolled()).toBeUndefined();
    });

    it('keeps the latest time noted, whatever the order the notes arrive in', async () => {
      await current().markPolled(hoursLater(2));
      expect(await current().lastPolled()).toEqual(hoursLater(2));
      // A worker whose clock lags must not move it back.
      await current().markPolled(NOW);
      expect(await current().lastPolled()).toEqual(hoursLater(2));
      await current().markPolled(hoursLater(3));
      expect(await current().lastPolled()).toEqual(hoursLater(3));
    });
  });
}
