import { describe, expect, it } from 'vitest';
import type { SourceState, Story } from '../../src/domain/index.ts';
import type { Store } from '../../src/store/index.ts';
import { copyEntry, fileAll, filing, newEntry, NOW, sourceState } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

const FULL_STATE: SourceState = {
  sourceId: 'tass',
  lastFetchedAt: '2026-02-07T10:00:00.000Z',
  lastSuccessAt: '2026-02-07T10:00:00.000Z',
  etag: 'W/"abc"',
  lastModified: 'Sat, 07 Feb 2026 10:00:00 GMT',
  lastError: 'fetch: 503 from tass.com',
  warnings: ['recovered from invalid XML', 'dropped 1 item without a title'],
  consecutiveFailures: 2,
  itemsSeen: 42,
};

/** What fileSource writes when it files: stories, copies, claimed keys and the source's state. */
export function describeFiling(current: () => Store): void {
  describe('fileSource', () => {
    it('files a new story that getStory returns with every field, and nothing for an unknown id', async () => {
      const story = makeStory({ id: 'tass-1', firstSeen: '2026-02-07T10:02:30.000Z' });
      expect(await current().fileSource(filing([newEntry(story)]))).toEqual({ filed: true });
      expect(await current().getStory('tass-1')).toEqual(story);
      expect(await current().getStory('tass-2')).toBeUndefined();
    });

    it('hands out copies: changing a returned story does not change the stored one', async () => {
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a' }))]));
      const read = (await current().getStory('a')) as Story;
      read.item.title = 'changed';
      read.item.categories.push('changed');
      read.regions.push('asia');
      read.copies.push(makeCopy('x'));
      expect(await current().getStory('a')).toEqual(makeStory({ id: 'a' }));
    });

    it('keeps the copies a new story is filed with, then appends copies in filing order across filings', async () => {
      const story = { ...makeStory({ id: 'a' }), copies: [makeCopy('first', 'afp')] };
      await fileAll(current(), filing([newEntry(story), copyEntry('a', makeCopy('second'))]));
      await fileAll(current(), filing([copyEntry('a', makeCopy('third', 'ap')), copyEntry('a', makeCopy('fourth', 'dpa'))], { state: sourceState('ap') }));
      expect(await current().getStory('a')).toEqual({
        ...story,
        copies: [makeCopy('first', 'afp'), makeCopy('second'), makeCopy('third', 'ap'), makeCopy('fourth', 'dpa')],
      });
    });

    it('keeps a copy without a link as it was filed', async () => {
      const copy = { itemId: 'c1', sourceId: 'ap', published: '2026-02-07T11:00:00.000Z' };
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a' })), copyEntry('a', copy)]));
      expect((await current().getStory('a'))?.copies).toStrictEqual([copy]);
    });

    it('makes a story known by its item key and every identity key it and its copies claimed', async () => {
      await fileAll(
        current(),
        filing([
          newEntry(makeStory({ id: 'a' }), { identityKeys: ['url:https://x/a', 'guid:tass:17'] }),
          newEntry(makeStory({ id: 'b' }), { identityKeys: ['url:https://x/b'] }),
          copyEntry('a', makeCopy('c'), ['url:https://y/c', 'guid:urn:c']),
        ]),
      );
      const found = await current().findHolders([
        'guid:tass:17',
        'url:nope',
        'item:a',
        'url:https://x/b',
        'item:c',
        'guid:urn:c',
        'item:b',
        'url:https://y/c',
        'url:https://x/a',
      ]);
      expect(found).toEqual(
        new Map([
          ['guid:tass:17', 'a'],
          ['item:a', 'a'],
          ['url:https://x/b', 'b'],
          ['item:c', 'a'],
          ['guid:urn:c', 'a'],
          ['item:b', 'b'],
          ['url:https://y/c', 'a'],
          ['url:https://x/a', 'a'],
        ]),
      );
      expect(await current().findHolders(['url:nope'])).toEqual(new Map());
      expect(await current().findHolders([])).toEqual(new Map());
    });

    it('leaves a key with the story that claimed it first when a copy of another story names it too', async () => {
      await fileAll(
        current(),
        filing([newEntry(makeStory({ id: 'a' }), { identityKeys: ['url:a'] }), newEntry(makeStory({ id: 'b' }), { identityKeys: ['url:b'] })]),
      );
      await fileAll(current(), filing([copyEntry('a', makeCopy('c'), ['url:c', 'url:b'])], { state: sourceState('reuters') }));
      expect(await current().findHolders(['url:a', 'url:b', 'url:c', 'item:c'])).toEqual(
        new Map([
          ['url:a', 'a'],
          ['url:b', 'b'],
          ['url:c', 'a'],
          ['item:c', 'a'],
        ]),
      );
      expect((await current().getStory('a'))?.copies).toEqual([makeCopy('c')]);
      expect((await current().getStory('b'))?.copies).toEqual([]);
    });

    it('saves the state with the stories, dropping undefined fields, and a later filing overwrites it', async () => {
      expect(await current().getSourceState('tass')).toBeUndefined();
      const withUndefined = { ...FULL_STATE, lastError: undefined, warnings: undefined };
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a' }))], { state: withUndefined }));
      expect(await current().getSourceState('tass')).toStrictEqual(JSON.parse(JSON.stringify(withUndefined)));
      expect(await current().getStory('a')).toEqual(makeStory({ id: 'a' }));
      await fileAll(current(), filing([], { state: FULL_STATE }));
      expect(await current().getSourceState('tass')).toStrictEqual(FULL_STATE);
      const failed = { sourceId: 'tass', consecutiveFailures: 3, itemsSeen: 42, lastError: 'fetch: 503' };
      await fileAll(current(), filing([], { state: failed }));
      expect(await current().getSourceState('tass')).toStrictEqual(failed);
      expect(await current().getSourceState('reuters')).toBeUndefined();
    });

    it('saves only the state from a filing with no entries', async () => {
      await fileAll(current(), filing([], { state: FULL_STATE }));
      expect(await current().getSourceState('tass')).toStrictEqual(FULL_STATE);
      expect(await current().listStories({ limit: 10 })).toEqual({ stories: [] });
      expect((await current().stats()).stories).toBe(0);
      expect(await current().feedVersions([{ kind: 'all' }])).toEqual([{ version: 0 }]);
    });

    it('keeps the stored subscription over the state of a keepSubscription filing, and files the rest of its state', async () => {
      const websub = {
        hub: 'https://hub.example/',
        topic: 'https://tass.example/feed',
        secret: 's3cr3t',
        status: 'active' as const,
        requestedAt: '2026-02-07T09:00:00.000Z',
        leaseUntil: '2026-02-17T09:00:00.000Z',
      };
      await fileAll(current(), filing([], { state: { ...FULL_STATE, websub } }));
      // The poll read its state while the subscription was pending; the verification filed it active since.
      const polled = { ...FULL_STATE, recentItems: [], itemsSeen: 43, websub: { ...websub, status: 'pending' as const, leaseUntil: undefined } };
      await fileAll(current(), { ...filing([newEntry(makeStory({ id: 'a' }))], { state: polled }), keepSubscription: true });
      expect(await current().getSourceState('tass')).toStrictEqual({ ...FULL_STATE, recentItems: [], itemsSeen: 43, websub });
      // Nor does a state without one remove it; without a stored one, none is filed.
      await fileAll(current(), { ...filing([], { state: FULL_STATE }), keepSubscription: true });
      expect(await current().getSourceState('tass')).toStrictEqual({ ...FULL_STATE, websub });
      await fileAll(current(), { ...filing([], { state: { ...sourceState('ap'), websub } }), keepSubscription: true });
      expect(await current().getSourceState('ap')).toStrictEqual(sourceState('ap'));
      // Without the flag the filing's state is filed as it is, so the subscription upkeep can forget one.
      await fileAll(current(), filing([], { state: FULL_STATE }));
      expect(await current().getSourceState('tass')).toStrictEqual(FULL_STATE);
    });

    it('files many states in one fileStates, in order, each keeping its stored subscription and nothing else', async () => {
      const websub = { hub: 'https://hub.example/', topic: 'https://ap.example/feed', secret: 'k', status: 'active' as const, requestedAt: NOW.toISOString() };
      await fileAll(current(), filing([], { state: { ...sourceState('ap'), websub } }));
      const pending = { ...websub, status: 'pending' as const };
      await current().fileStates([
        { ...FULL_STATE, websub: pending },
        { ...sourceState('ap', 7), etag: '"x"', recentItems: [], websub: pending },
        { ...sourceState('afp'), lastError: 'first' },
        { ...sourceState('afp'), lastError: 'second' },
      ]);
      expect(await current().getSourceState('tass')).toStrictEqual(FULL_STATE);
      expect(await current().getSourceState('ap')).toStrictEqual({ ...sourceState('ap', 7), etag: '"x"', recentItems: [], websub });
      expect(await current().getSourceState('afp')).toStrictEqual({ ...sourceState('afp'), lastError: 'second' });
      await current().fileStates([]);
      expect((await current().listSourceStates()).map((state) => state.sourceId)).toEqual(['afp', 'ap', 'tass']);
      expect(await current().feedVersions([{ kind: 'all' }])).toEqual([{ version: 0 }]);
    });

    it('reads back the states filed since a cursor, each as it is now, however they were filed', async () => {
      const ids = (changes: { states: SourceState[] }) => changes.states.map((state) => state.sourceId);
      const empty = await current().sourceStatesSince();
      expect(empty.states).toEqual([]);
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a' }))], { state: sourceState('tass', 1) }));
      await current().fileStates([sourceState('ap'), sourceState('afp')]);
      const all = await current().sourceStatesSince();
      expect(ids(all).sort()).toEqual(['afp', 'ap', 'tass']);
      expect(await current().sourceStatesSince(all.cursor)).toEqual({ states: [], cursor: all.cursor });
      const from = await current().sourceStatesSince(empty.cursor);
      expect(ids(from).sort()).toEqual(['afp', 'ap', 'tass']);
      // Changed again: read once, as it is now; an unchanged state is not read again.
      await current().fileStates([sourceState('ap', 5)]);
      await fileAll(current(), filing([], { state: sourceState('ap', 6) }));
      const next = await current().sourceStatesSince(all.cursor);
      expect(next.states).toStrictEqual([sourceState('ap', 6)]);
      expect(await current().sourceStatesSince(next.cursor)).toEqual({ states: [], cursor: next.cursor });
      await current().forgetSources(['tass', 'afp']);
      expect(ids(await current().sourceStatesSince()).sort()).toEqual(['afp', 'tass']);
      await expect(current().sourceStatesSince('not a cursor')).rejects.toThrow(/not a source state cursor/);
    });

    it('files a copy of a story filed earlier in the same filing', async () => {
      await fileAll(current(), filing([newEntry(makeStory({ id: 'a' })), copyEntry('a', makeCopy('c', 'tass'))]));
      expect(await current().getStory('a')).toEqual({ ...makeStory({ id: 'a' }), copies: [makeCopy('c', 'tass')] });
    });
  });
}
