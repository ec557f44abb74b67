// pruneExpired with the config's retention, on a real store, at a caller's clock.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { pruneExpired } from '../../src/worker/retention.ts';
import { fileAll, filing, newEntry, sourceState } from '../store/filings.ts';
import { makeStory } from '../store/make-story.ts';

const NOW = new Date('2026-03-10T00:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const config = parseConfig(
  `regions:
  - { id: world, title: World, description: All, all: true }
sources:
  - { id: tass, url: https://tass.com/rss, title: TASS, language: en, maxStories: 2 }
  - { id: afp, url: https://afp.com/rss, title: AFP, language: en, retentionDays: 10 }
output:
  baseUrl: https://feeds.example.org
  retention: { days: 3, maxStoriesPerFeed: 100 }
`,
  'feeds.yaml',
);

describe('pruneExpired', () => {
  it("applies each source's days and cap, the longest days to sources no longer configured, and forgets their states", async () => {
    const store = SqliteStore.inMemory();
    const story = (id: string, sourceId: string, days: number) => newEntry(makeStory({ id, sourceId, firstSeen: daysAgo(days) }));
    await fileAll(store, filing([story('t1', 'tass', 1), story('t2', 'tass', 1.5), story('t3', 'tass', 2), story('t4', 'tass', 4)]));
    await fileAll(store, filing([story('a1', 'afp', 5), story('a2', 'afp', 11)], { state: sourceState('afp') }));
    await fileAll(store, filing([story('g1', 'gone', 5), story('g2', 'gone', 11)], { state: sourceState('gone') }));
    await pruneExpired({ config, store, logger: pino({ level: 'silent' }), now: () => NOW });
    const kept = (await store.listStories({ limit: 50 })).stories.map((s) => s.id).sort();
    // tass: t4 past its 3 days, t3 beyond its newest 2; afp keeps 10 days; gone's go after 10 days.
    expect(kept).toEqual(['a1', 'g1', 't1', 't2']);
    expect((await store.listSourceStates()).map((state) => state.sourceId)).toEqual(['afp', 'tass']);
    await store.close();
  });
});
