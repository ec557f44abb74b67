import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/domain/index.ts';
import type { Store, StoryQuery } from '../../src/store/index.ts';
import { copyEntry, fileAll, fileStories, filing, sourceState } from './filings.ts';
import { makeCopy, makeStory } from './make-story.ts';

// Equal timestamps are the hard case for order and cursors: ids break the tie, descending.
/** 2026-02-07 at 10:mm UTC. */
export const T = (minute: number) => `2026-02-07T10:${String(minute).padStart(2, '0')}:00.000Z`;
const STORIES = [
  makeStory({ id: 'old', published: T(1), countries: ['RU'], language: 'ru', title: 'Kúril Islands: talks stall' }),
  makeStory({ id: 'tie-b', published: T(5), countries: ['JP'], regions: ['asia', 'world'], sourceId: 'kyodo', language: 'ja' }),
  makeStory({ id: 'tie-d', published: T(5), summary: 'Officials met in São Paulo on Friday.' }),
  makeStory({ id: 'tie-a', published: T(5), sourceId: 'reuters', language: 'EN', title: 'Kurilian fishermen return' }),
  makeStory({ id: 'tie-c', published: '2026-02-07T12:05:00+02:00', sourceId: 'ap', language: 'en-GB', title: 'KURIL dispute: Sao Paulo summit' }),
  makeStory({ id: 'new', published: T(9), countries: ['CH', 'FR'], contentHtml: '<p>The Kuril question came up.</p>' }),
];
const ALL = ['new', 'tie-d', 'tie-c', 'tie-b', 'tie-a', 'old'];

/** Files the listing stories, then a copy of `old` from reuters. */
export async function fileListing(store: Store): Promise<void> {
  await fileStories(
    store,
    STORIES.map((story) => (story.id === 'tie-b' ? { ...story, copies: [makeCopy('tie-b-copy', 'afp')] } : story)),
  );
  await fileAll(store, filing([copyEntry('old', makeCopy('old-copy'))], { state: sourceState('reuters', 1) }));
}

/** Queries over the listing stories and the ids each lists, in order. */
export const QUERIES: [string, Omit<StoryQuery, 'limit' | 'cursor'>, string[]][] = [
  ['everything', {}, ALL],
  ['a region', { region: 'world' }, ALL],
  ['another region', { region: 'europe' }, ['new', 'tie-d', 'tie-c', 'tie-a', 'old']],
  ['a small region', { region: 'asia' }, ['tie-b']],
  ['a country', { country: 'CH' }, ['new', 'tie-d', 'tie-c', 'tie-a']],
  ['a second country of a story', { country: 'FR' }, ['new']],
  ['a source, as first item', { source: 'tass' }, ['new', 'tie-d', 'old']],
  ['a source, as first item or copy', { source: 'reuters' }, ['tie-a', 'old']],
  ['a source, as a copy filed with the story', { source: 'afp' }, ['tie-b']],
  ['a language', { language: 'en' }, ['new', 'tie-d', 'tie-a']],
  ['a language in another case', { language: 'EN-gb' }, ['tie-c']],
  ['since a time, inclusive', { since: new Date(T(5)) }, ['new', 'tie-d', 'tie-c', 'tie-b', 'tie-a']],
  ['since a later time', { since: new Date(T(6)) }, ['new']],
  ['a word, case- and accent-insensitive, in the title only', { q: 'kuril' }, ['tie-c', 'old']],
  ['a word with an accent in the query', { q: 'KÚRIL' }, ['tie-c', 'old']],
  ['two words, in the summary or the title', { q: 'sao paulo' }, ['tie-d', 'tie-c']],
  ['words that must all match', { q: 'Kuril São' }, ['tie-c']],
  ['a whole word, not a prefix', { q: 'kurilian' }, ['tie-a']],
  ['a word no story has', { q: 'kuril nowhere' }, []],
  ['a blank q, as no filter', { q: '   ' }, ALL],
  ['an empty q, as no filter', { q: '' }, ALL],
  ['region, language and since together', { region: 'europe', language: 'en', since: new Date(T(5)) }, ['new', 'tie-d', 'tie-a']],
  ['source and q together', { source: 'reuters', q: 'kuril' }, ['old']],
  ['country and source together', { country: 'CH', source: 'ap' }, ['tie-c']],
  ['an unknown region', { region: 'oceania' }, []],
  ['an unknown country', { country: 'ZZ' }, []],
];

const ids = (stories: Story[]) => stories.map((story) => story.id);

/** listStories' filters, their combinations and their order. */
export function describeListing(current: () => Store): void {
  describe('listStories', () => {
    for (const [name, query, expected] of QUERIES) {
      it(`lists by ${name}, newest published first, ties by id descending`, async () => {
        await fileListing(current());
        const page = await current().listStories({ ...query, limit: 100 });
        expect(ids(page.stories)).toEqual(expected);
        expect(page.next).toBeUndefined();
      });
    }

    it('lists whole stories, with their copies', async () => {
      await fileListing(current());
      expect(await current().listStories({ country: 'RU', limit: 10 })).toEqual({
        stories: [{ ...(STORIES[0] as Story), copies: [makeCopy('old-copy')] }],
      });
      expect(await current().listStories({ region: 'oceania', limit: 10 })).toEqual({ stories: [] });
    });

    it('lists a story under a source once a copy from that source attaches', async () => {
      await fileStories(current(), [makeStory({ id: 'a' })]);
      expect(await current().listStories({ source: 'afp', limit: 10 })).toEqual({ stories: [] });
      await fileAll(current(), filing([copyEntry('a', makeCopy('c', 'afp'))], { state: sourceState('afp', 1) }));
      expect(await current().listStories({ source: 'afp', limit: 10 })).toEqual({
        stories: [{ ...makeStory({ id: 'a' }), copies: [makeCopy('c', 'afp')] }],
      });
    });

    it('lists a story with no language only without a language filter', async () => {
      const story = makeStory({ id: 'a' });
      delete story.item.language;
      await fileStories(current(), [story]);
      expect(await current().listStories({ language: 'en', limit: 10 })).toEqual({ stories: [] });
      expect(await current().listStories({ limit: 10 })).toEqual({ stories: [story] });
    });
  });
}
