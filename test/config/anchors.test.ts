// YAML anchors for shared defaults work at newsroom scale; an alias bomb is still refused, with its line.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import { ConfigError } from '../../src/domain/index.ts';

const HEAD = `regions:
  - { id: world, title: World, description: All, all: true }
  - { id: russia, title: Russia, description: Russia, countries: [RU] }
output:
  baseUrl: https://feeds.example.org
sources:
  - &wire
    id: wire-0
    url: https://wire.example/0.xml
    title: Wire 0
    language: en
    pollMinutes: 30
    default: &russia { countries: [RU], regions: [russia] }
`;

function manySources(count: number): string {
  const lines = [HEAD];
  for (let n = 1; n < count; n++) lines.push(`  - { <<: *wire, id: wire-${n}, url: "https://wire.example/${n}.xml", title: Wire ${n}, default: *russia }\n`);
  return lines.join('');
}

function problem(text: string): string {
  try {
    parseConfig(text, 'feeds.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('YAML anchors', () => {
  it('loads 10,000 sources sharing defaults through a merge key and an alias', () => {
    const config = parseConfig(manySources(10_000), 'feeds.yaml');
    expect(config.sources).toHaveLength(10_000);
    expect(config.sources[9_999]).toEqual({
      id: 'wire-9999',
      url: 'https://wire.example/9999.xml',
      title: 'Wire 9999',
      language: 'en',
      defaultCountries: ['RU'],
      defaultRegions: ['russia'],
      pollIntervalMinutes: 30,
    });
  });

  it('reads aliases as yaml does: the latest anchor of a name before the alias, nested aliases expanded', () => {
    const sources = `sources:
  - &first { id: a, url: "https://a.example/feed", title: A, language: en, default: { countries: [RU] } }
  - &first { id: b, url: "https://b.example/feed", title: B, language: de }
  - { <<: *first, id: c, url: "https://c.example/feed" }
  - &nested { <<: *first, id: d, url: "https://d.example/feed" }
  - { <<: *nested, id: e, url: "https://e.example/feed", title: E }
`;
    const config = parseConfig(`${HEAD.slice(0, HEAD.indexOf('sources:'))}${sources}`, 'feeds.yaml');
    expect(config.sources.map(({ id, title, language, defaultCountries }) => ({ id, title, language, defaultCountries }))).toEqual([
      { id: 'a', title: 'A', language: 'en', defaultCountries: ['RU'] },
      { id: 'b', title: 'B', language: 'de', defaultCountries: [] },
      { id: 'c', title: 'B', language: 'de', defaultCountries: [] },
      { id: 'd', title: 'B', language: 'de', defaultCountries: [] },
      { id: 'e', title: 'E', language: 'de', defaultCountries: [] },
    ]);
  });

  it('refuses an alias bomb, naming the line where the expansion passes the limit', () => {
    const bomb = [`a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
    for (const [name, prev] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf', 'hg', 'ih'])
      bomb.push(`${name}: &${name} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
    const message = problem(`${HEAD}${bomb.join('\n')}\n`);
    expect(message).toMatch(/^config: feeds\.yaml:(\d+): YAML aliases: they expand to more than \d+ nodes, the limit for a file of this size/);
    const line = Number(/^config: feeds\.yaml:(\d+)/.exec(message)?.[1]);
    // The limit is crossed in the nested lists, not among the shared defaults above them.
    expect(line).toBeGreaterThan(HEAD.split('\n').length);
  });
});
