import { describe, expect, it } from 'vitest';
import type { Source, SourceState } from '../../src/domain/index.ts';
import { dueSources, statesById } from '../../src/worker/due.ts';
import { pollJobs } from '../../src/worker/poll-jobs.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

function source(id: string, url = `https://${id}.example/feed`, pollIntervalMinutes = 10): Source {
  return { id, url, title: id, language: 'en', defaultCountries: [], defaultRegions: [], pollIntervalMinutes };
}

function state(sourceId: string, fields: Partial<SourceState>): SourceState {
  return { sourceId, consecutiveFailures: 0, itemsSeen: 0, ...fields };
}

const due = (sources: Source[], states: SourceState[], now = NOW) => dueSources(sources, statesById(states), now).map((d) => d.source.id);

describe('which sources are due', () => {
  it.each<[string, Partial<SourceState> | undefined, boolean]>([
    ['never polled', undefined, true],
    ['polled less than its interval ago', { lastFetchedAt: at(-9 * 60_000) }, false],
    ['polled its interval ago', { lastFetchedAt: at(-10 * 60_000) }, true],
    ['next poll a second ahead', { lastFetchedAt: at(-60 * 60_000), nextPollAt: at(1000) }, false],
    ['next poll now, though polled a moment ago', { lastFetchedAt: at(-1000), nextPollAt: at(0) }, true],
    ['retired for its URL', { configUrl: 'https://a.example/feed', retired: { at: at(-1000), url: 'https://a.example/feed', status: 410 } }, false],
    // The config named another URL when the 410 came: its entry has changed since.
    ['retired for another URL', { configUrl: 'https://old.example/feed', retired: { at: at(-1000), url: 'https://old.example/feed', status: 410 } }, true],
    ['its own host holding off', { hostRetryAfterUntil: at(5000) }, false],
    ['its host held off until now', { hostRetryAfterUntil: at(0) }, true],
  ])('%s: %s', (_, fields, expected) => {
    expect(due([source('a')], fields ? [state('a', fields)] : [])).toEqual(expected ? ['a'] : []);
  });

  it('holds every source of a host another source was told to wait on, moved sources by their new host', () => {
    const sources = [
      source('a', 'https://wire.example/a'),
      source('b', 'https://wire.example/b'),
      source('c', 'https://c.example/'),
      source('d', 'https://d.example/'),
    ];
    const states = [state('a', { hostRetryAfterUntil: at(60_000) }), state('d', { movedTo: 'https://wire.example/d' })];
    expect(due(sources, states)).toEqual(['c']);
    expect(due(sources, states, NOW + 60_000)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('poll jobs', () => {
  it('make one job per host and slot, each source always in the same slot', () => {
    const sources = [...Array.from({ length: 20 }, (_, i) => source(`w${i}`, `https://wire.example:8443/${i}`)), source('x')];
    const jobs = pollJobs(dueSources(sources, new Map(), NOW), 3);
    const wire = jobs.filter((job) => job.data.host === 'wire.example:8443');
    expect(wire.map((job) => job.id).sort()).toEqual(['poll-wire.example_8443-0', 'poll-wire.example_8443-1', 'poll-wire.example_8443-2']);
    expect(wire.flatMap((job) => job.data.sourceIds).sort()).toEqual(
      sources
        .slice(0, 20)
        .map((s) => s.id)
        .sort(),
    );
    expect(jobs.filter((job) => job.data.host === 'x.example').map((job) => job.data.sourceIds)).toEqual([['x']]);
    expect(pollJobs(dueSources([source('x')], new Map(), NOW), 1)).toEqual([{ id: 'poll-x.example-0', data: { host: 'x.example', sourceIds: ['x'] } }]);
    expect(pollJobs(dueSources(sources.slice(5, 6), new Map(), NOW), 3)[0]?.id).toBe(wire.find((job) => job.data.sourceIds.includes('w5'))?.id);
  });
});
