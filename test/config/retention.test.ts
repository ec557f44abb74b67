// output.retention and a source's own retention: what they resolve to, and what a mistake says.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import { ConfigError } from '../../src/domain/index.ts';
import { retentionPlan } from '../../src/worker/retention.ts';

const REGIONS = `regions:
  - { id: world, title: World, description: All, all: true }
`;
const sources = (extra = '') => `sources:
  - id: tass
    url: https://tass.com/rss/v2.xml
    title: TASS
    language: en
${extra}  - { id: afp, url: https://afp.com/rss, title: AFP, language: fr }
`;
const output = (extra = '') => `output:
  baseUrl: https://feeds.example.org
${extra}`;

function problems(text: string): string[] {
  try {
    parseConfig(text, 'feeds.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}

describe('retention config', () => {
  it.each([
    { written: '', retention: { days: 14 } },
    { written: '  retentionDays: 30\n', retention: { days: 30 } },
    { written: '  retention: {}\n', retention: { days: 14 } },
    { written: '  retention: { days: 2, maxStoriesPerFeed: 500 }\n', retention: { days: 2, maxStoriesPerFeed: 500 } },
  ])('reads "$written" as $retention', ({ written, retention }) => {
    expect(parseConfig(`${REGIONS}${sources()}${output(written)}`, 'feeds.yaml').output.retention).toEqual(retention);
  });

  it("keeps a source's own days and cap on the source", () => {
    const config = parseConfig(`${REGIONS}${sources('    retentionDays: 3\n    maxStories: 100\n')}${output()}`, 'feeds.yaml');
    expect(config.sources.map(({ id, retentionDays, maxStories }) => ({ id, retentionDays, maxStories }))).toEqual([
      { id: 'tass', retentionDays: 3, maxStories: 100 },
      { id: 'afp', retentionDays: undefined, maxStories: undefined },
    ]);
  });

  it.each([
    {
      mistake: 'both spellings of the days',
      text: `${REGIONS}${sources()}${output('  retentionDays: 7\n  retention: { days: 7 }\n')}`,
      expected:
        'config: feeds.yaml:11: output.retentionDays: give retention.days or retentionDays, not both (retentionDays is the older spelling of retention.days)',
    },
    {
      mistake: 'a cap of none',
      text: `${REGIONS}${sources()}${output('  retention:\n    maxStoriesPerFeed: 0\n')}`,
      expected: 'config: feeds.yaml:12: output.retention.maxStoriesPerFeed: must be at least 1',
    },
    {
      mistake: 'an unknown retention key',
      text: `${REGIONS}${sources()}${output('  retention: { day: 2 }\n')}`,
      expected: 'config: feeds.yaml:11: output.retention.day: unknown key',
    },
    {
      mistake: "a source's fractional days",
      text: `${REGIONS}${sources('    retentionDays: 1.5\n')}${output()}`,
      expected: 'config: feeds.yaml:8: sources[0].retentionDays: must be a whole number',
    },
    {
      mistake: "a source's cap of none",
      text: `${REGIONS}${sources('    maxStories: 0\n')}${output()}`,
      expected: 'config: feeds.yaml:8: sources[0].maxStories: must be at least 1',
    },
  ])('reports $mistake', ({ text, expected }) => {
    expect(problems(text)).toEqual([expected]);
  });
});

describe('retentionPlan', () => {
  const now = new Date('2026-03-01T00:00:00.000Z');
  const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000);

  it('needs no per-source pass when only the days are set', () => {
    const config = parseConfig(`${REGIONS}${sources()}${output('  retention: { days: 2 }\n')}`, 'feeds.yaml');
    expect(retentionPlan(config, now)).toEqual({ cutoff: daysBefore(2), sources: [] });
  });

  it("caps every source at the default unless it sets its own, and cuts all at the longest source's days", () => {
    const config = parseConfig(
      `${REGIONS}${sources('    retentionDays: 30\n    maxStories: 100\n')}${output('  retention: { days: 2, maxStoriesPerFeed: 500 }\n')}`,
      'feeds.yaml',
    );
    expect(retentionPlan(config, now)).toEqual({
      cutoff: daysBefore(30),
      sources: [
        { sourceId: 'tass', since: daysBefore(30), keep: 100 },
        { sourceId: 'afp', since: daysBefore(2), keep: 500 },
      ],
    });
  });
});
