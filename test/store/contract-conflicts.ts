import { describe, expect, it } from 'vitest';
import type { FeedRef, FilingEntry, FingerprintCandidate, SourceFiling, Store } from '../../src/store/index.ts';
import { NOW, WINDOW_HOURS, copyEntry, fileAll, filing, hoursLater, newEntry, sourceState } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

const FEEDS: FeedRef[] = [
  { kind: 'all' },
  { kind: 'region', id: 'europe' },
  { kind: 'region', id: 'asia' },
  { kind: 'country', code: 'CH' },
  { kind: 'country', code: 'JP' },
];
const byId = (found: FingerprintCandidate[]) => [...found].sort((x, y) => x.storyId.localeCompare(y.storyId));
const CONFLICT = { filed: false, conflict: expect.stringMatching(/\S/) };

// Stored before each conflict: story a (its item, two identity keys, two band keys) and its copy c1.
const BASELINE = filing(
  [newEntry(makeStory({ id: 'a' }), { identityKeys: ['url:a', 'guid:a'], bandKeys: ['k1', 'k2'] }), copyEntry('a', makeCopy('c1'), ['url:c1'])],
  { state: sourceState('tass', 2) },
);
// Valid entries a conflicting filing starts with, so a partial write would show.
const VALID_FIRST: FilingEntry[] = [
  newEntry(makeStory({ id: 'p', regions: ['asia'], countries: ['JP'] }), { identityKeys: ['url:p'], bandKeys: ['kp'] }),
  copyEntry('a', makeCopy('q', 'ap'), ['url:q']),
];
const newStory = (id: string, opts: Parameters<typeof newEntry>[1] = {}) => newEntry(makeStory({ id, regions: ['asia'], countries: ['JP'] }), opts);

const CONFLICTS: [string, FilingEntry][] = [
  ['a copy whose item key is already held (the item is already filed)', copyEntry('a', makeCopy('c1', 'ap'))],
  ['a new story whose item key is already held (its item was filed as a copy)', newStory('c1')],
  ['an entry whose item key an earlier entry of the same filing holds', copyEntry('a', makeCopy('p', 'ap'))],
  ['a new story whose id is already stored', { ...newStory('a'), itemKey: 'item:a-again' }],
  ['a new story whose id an earlier entry of the same filing files', { ...newStory('p'), itemKey: 'item:p-again' }],
  ['a new story whose identity key another story holds', newStory('n', { identityKeys: ['url:n', 'guid:a'] })],
  ['a new story whose identity key a copy of another story claimed', newStory('n', { identityKeys: ['url:c1'] })],
  ['a new story whose identity key an earlier entry of the same filing claimed', newStory('n', { identityKeys: ['url:q'] })],
  ['a new story whose band key a live story holds that dedupe did not see', newStory('n', { bandKeys: ['kn', 'k2'] })],
  ['a new story whose band key a live story holds other than the one dedupe saw', newStory('n', { bandKeys: ['kn', 'k2'], bandHolders: [null, 'p'] })],
  ['a copy of a story that is not stored', copyEntry('ghost', makeCopy('x', 'ap'), ['url:x'])],
];

function keysOf(filings: SourceFiling[]): { keys: string[]; ids: string[]; bands: string[] } {
  const entries = filings.flatMap((each) => each.entries);
  return {
    keys: entries.flatMap((entry) => [entry.itemKey, ...entry.identityKeys]),
    ids: entries.map((entry) => (entry.kind === 'new' ? entry.story.id : entry.storyId)),
    bands: entries.flatMap((entry) => (entry.kind === 'new' ? entry.fingerprint.bandKeys : [])),
  };
}

/** Everything a store shows about the stories, keys and bands of some filings. */
async function snapshot(store: Store, filings: SourceFiling[]) {
  const { keys, ids, bands } = keysOf(filings);
  return {
    states: await store.listSourceStates(),
    holders: await store.findHolders(keys),
    stories: await Promise.all(ids.map((id) => store.getStory(id))),
    listed: await store.listStories({ limit: 100 }),
    versions: await store.feedVersions(FEEDS),
    candidates: await store.findCandidates(bands, { now: NOW, hours: WINDOW_HOURS }),
    reporters: await store.findReporters(ids),
    storyCount: (await store.stats()).stories,
  };
}

/** The conflicts fileSource detects, each writing nothing, and the near misses that are no conflict. */
export function describeConflicts(current: () => Store): void {
  describe('fileSource conflicts', () => {
    for (const [name, entry] of CONFLICTS) {
      it(`refuses ${name}, writing nothing of the filing`, async () => {
        await fileAll(current(), BASELINE);
        const conflicting = filing([...VALID_FIRST, entry], { state: { ...sourceState('tass', 3), etag: '"new"' }, now: hoursLater(1) });
        const before = await snapshot(current(), [BASELINE, conflicting]);
        expect(await current().fileSource(conflicting)).toEqual(CONFLICT);
        expect(await snapshot(current(), [BASELINE, conflicting])).toEqual(before);
        expect(await current().getSourceState('tass')).toStrictEqual(sourceState('tass', 2));
        expect(await current().getStory('p')).toBeUndefined();
      });
    }

    it('files a new story whose band key is held by the live story dedupe saw, which keeps the key', async () => {
      await fileAll(current(), BASELINE);
      await fileAll(current(), filing([newStory('n', { bandKeys: ['k2', 'kn'], bandHolders: ['a', null] })], { state: sourceState('ap') }));
      expect(byId(await current().findCandidates(['k2', 'kn'], { now: NOW, hours: WINDOW_HOURS }))).toEqual([
        { storyId: 'a', signature: Uint8Array.of(1, 2, 3), bandKeys: ['k2'] },
        { storyId: 'n', signature: Uint8Array.of(1, 2, 3), bandKeys: ['kn'] },
      ]);
    });

    it('files a new story whose band key an earlier new story of the same filing holds, which keeps the key', async () => {
      await fileAll(current(), filing([newStory('p', { bandKeys: ['kp'] }), newStory('n', { bandKeys: ['kp'] })]));
      expect(await current().findCandidates(['kp'], { now: NOW, hours: WINDOW_HOURS })).toEqual([
        { storyId: 'p', signature: Uint8Array.of(1, 2, 3), bandKeys: ['kp'] },
      ]);
      expect((await current().stats()).stories).toBe(2);
    });

    it('files a new story whose band key is held only by an expired fingerprint, and it takes the key', async () => {
      await fileAll(current(), BASELINE);
      const later = hoursLater(WINDOW_HOURS + 1);
      await fileAll(current(), filing([newStory('n', { bandKeys: ['k2'], signature: Uint8Array.of(9) })], { now: later }));
      expect(await current().findCandidates(['k1', 'k2'], { now: later, hours: WINDOW_HOURS })).toEqual([
        { storyId: 'n', signature: Uint8Array.of(9), bandKeys: ['k2'] },
      ]);
    });

    it('files a new story whose band key dedupe saw held by a story pruned since', async () => {
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a', firstSeen: '2026-01-01T00:00:00.000Z' }), { bandKeys: ['k1'] })]));
      expect(await current().prune(new Date('2026-02-01T00:00:00.000Z'))).toBe(1);
      await fileAll(current(), filing([newStory('n', { bandKeys: ['k1'], bandHolders: ['a'] })]));
      expect(await current().findCandidates(['k1'], { now: NOW, hours: WINDOW_HOURS })).toEqual([
        { storyId: 'n', signature: Uint8Array.of(1, 2, 3), bandKeys: ['k1'] },
      ]);
    });
  });
}
