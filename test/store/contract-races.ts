import { describe, expect, it } from 'vitest';
import type { FilingOutcome, Store } from '../../src/store/index.ts';
import { NOW, WINDOW_HOURS, copyEntry, fileAll, filing, newEntry, sourceState } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

/** The one outcome filed and the other conflicting, in either order. */
function oneFiled(outcomes: FilingOutcome[]): number {
  expect([...outcomes].sort((x, y) => Number(y.filed) - Number(x.filed))).toEqual([{ filed: true }, { filed: false, conflict: expect.stringMatching(/\S/) }]);
  return outcomes.findIndex((outcome) => outcome.filed);
}

/** Filings in flight at once, as two workers or two sources polled together make them. */
export function describeRaces(current: () => Store): void {
  describe('fileSource races', () => {
    it('files one of two near copies filed at once, each decided as new', async () => {
      const stories = [makeStory({ id: 'x' }), makeStory({ id: 'y', sourceId: 'ap' })];
      const filings = stories.map((story) => filing([newEntry(story, { bandKeys: ['k0', 'k1'] })], { state: sourceState(story.item.sourceId, 1) }));
      const winner = oneFiled(await Promise.all(filings.map((each) => current().fileSource(each))));
      const [won, lost] = winner === 0 ? ['x', 'y'] : ['y', 'x'];
      expect((await current().stats()).stories).toBe(1);
      expect(await current().getStory(lost)).toBeUndefined();
      expect(await current().findCandidates(['k0', 'k1'], { now: NOW, hours: WINDOW_HOURS })).toEqual([
        { storyId: won, signature: Uint8Array.of(1, 2, 3), bandKeys: ['k0', 'k1'] },
      ]);
      const sources = ['tass', 'ap'];
      expect(await current().listSourceStates()).toStrictEqual([sourceState(sources[winner] as string, 1)]);
    });

    it('files one of two items with the same canonical URL filed at once', async () => {
      const stories = [makeStory({ id: 'a' }), makeStory({ id: 'b', sourceId: 'ap' })];
      const filings = stories.map((story) => filing([newEntry(story, { identityKeys: ['url:https://x/same'] })], { state: sourceState(story.item.sourceId) }));
      const winner = oneFiled(await Promise.all(filings.map((each) => current().fileSource(each))));
      expect((await current().stats()).stories).toBe(1);
      expect(await current().findHolders(['url:https://x/same'])).toEqual(new Map([['url:https://x/same', winner === 0 ? 'a' : 'b']]));
    });

    it('files the same item from two sources’ filings as one story, never as a copy of itself', async () => {
      const story = makeStory({ id: 'x' });
      const filings = ['tass', 'tass-world'].map((sourceId) => filing([newEntry(story, { identityKeys: ['url:x'] })], { state: sourceState(sourceId, 1) }));
      oneFiled(await Promise.all(filings.map((each) => current().fileSource(each))));
      // The loser decides again: the item is filed, and a copy of it onto its own story is refused.
      const again = filing([copyEntry('x', { ...makeCopy('x'), sourceId: 'tass' }, ['url:x'])], { state: sourceState('tass-world', 1) });
      expect(await current().fileSource(again)).toEqual({ filed: false, conflict: expect.stringMatching(/\S/) });
      expect(await current().getStory('x')).toEqual(story);
      expect(await current().findReporters(['x'])).toEqual(new Map([['x', { itemIds: ['x'], sourceIds: ['tass'] }]]));
      expect((await current().stats()).stories).toBe(1);
    });

    it('files both of two copies of one story filed at once by two sources', async () => {
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a' }))]));
      const copies = [makeCopy('c1', 'ap'), makeCopy('c2', 'afp')];
      const filings = copies.map((copy) => filing([copyEntry('a', copy, [`url:${copy.itemId}`])], { state: sourceState(copy.sourceId, 1) }));
      expect(await Promise.all(filings.map((each) => current().fileSource(each)))).toEqual([{ filed: true }, { filed: true }]);
      const read = await current().getStory('a');
      expect([...(read?.copies ?? [])].sort((x, y) => x.itemId.localeCompare(y.itemId))).toEqual(copies);
    });
  });
}
