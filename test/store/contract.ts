import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/domain/index.ts';
import type { Store } from '../../src/store/index.ts';
import { NOW, WINDOW_HOURS, copyEntry, fileAll, filing, newEntry, sourceState } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';
import { describeFiling } from './contract-filing.ts';
import { describeConflicts } from './contract-conflicts.ts';
import { describeRaces } from './contract-races.ts';
import { describeFingerprints } from './contract-fingerprints.ts';
import { describeListing } from './contract-listing.ts';
import { describePaging } from './contract-paging.ts';
import { describeVersions } from './contract-versions.ts';
import { describePrune } from './contract-prune.ts';
import { describePruneSources } from './contract-prune-sources.ts';
import { describeMarks } from './contract-marks.ts';

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

    describeFiling(current);
    describeConflicts(current);
    describeRaces(current);
    describeFingerprints(current);
    describeListing(current);
    describePaging(current);
    describeVersions(current);
    describePrune(current);
    describePruneSources(current);
    describeMarks(current);

    describe('stats, failures and close', () => {
      it('counts stories, not copies', async () => {
        expect((await store.stats()).stories).toBe(0);
        await fileAll(store, filing([newEntry(makeStory({ id: 'a' })), newEntry(makeStory({ id: 'b' })), copyEntry('a', makeCopy('c'))]));
        await fileAll(store, filing([copyEntry('b', makeCopy('d', 'ap'))], { state: sourceState('ap') }));
        const stats = await store.stats();
        expect({ stories: stats.stories, bytes: stats.bytes === undefined || (Number.isInteger(stats.bytes) && stats.bytes > 0) }).toEqual({
          stories: 2,
          bytes: true,
        });
      });

      for (const [field, shape] of [
        ['published', { id: 'bad', published: 'yesterday' }],
        ['firstSeen', { id: 'bad', firstSeen: 'not a date' }],
      ] as const) {
        it(`refuses with a StoreError a new story whose ${field} date does not parse, writing nothing of the filing`, async () => {
          const bad = filing([newEntry(makeStory({ id: 'ok' }), { identityKeys: ['url:ok'] }), newEntry(makeStory(shape), { identityKeys: ['url:bad'] })]);
          await expect(store.fileSource(bad)).rejects.toThrow(StoreError);
          expect(await store.getStory('ok')).toBeUndefined();
          expect(await store.getStory('bad')).toBeUndefined();
          expect(await store.findHolders(['item:ok', 'url:ok', 'item:bad', 'url:bad'])).toEqual(new Map());
          expect(await store.getSourceState('tass')).toBeUndefined();
          expect(await store.listStories({ limit: 10 })).toEqual({ stories: [] });
          expect(await store.feedVersions([{ kind: 'all' }])).toEqual([{ version: 0 }]);
        });
      }

      it('throws StoreError from every call once closed', async () => {
        await fileAll(store, filing([newEntry(makeStory({ id: 'a' }))]));
        await store.close();
        const window = { now: NOW, hours: WINDOW_HOURS };
        const calls: [string, () => Promise<unknown>][] = [
          ['fileSource', () => store.fileSource(filing([newEntry(makeStory({ id: 'b' }))]))],
          ['getStory', () => store.getStory('a')],
          ['listStories', () => store.listStories({ limit: 10 })],
          ['feedVersions', () => store.feedVersions([{ kind: 'all' }])],
          ['getSourceState', () => store.getSourceState('tass')],
          ['listSourceStates', () => store.listSourceStates()],
          ['findHolders', () => store.findHolders(['item:a'])],
          ['findCandidates', () => store.findCandidates(['k1'], window)],
          ['findReporters', () => store.findReporters(['a'])],
          ['prune', () => store.prune(NOW)],
          ['forgetSources', () => store.forgetSources([])],
          ['stats', () => store.stats()],
          ['markPolled', () => store.markPolled(NOW)],
          ['lastPolled', () => store.lastPolled()],
        ];
        for (const [call, run] of calls) {
          expect({
            call,
            error: await run().then(
              () => 'resolved',
              (error: unknown) => error instanceof StoreError,
            ),
          }).toEqual({ call, error: true });
        }
      });
    });
  });
}
