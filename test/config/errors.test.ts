// Each kind of mistake in feeds.yaml gives one message naming the file, the line and the field.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import { ConfigError } from '../../src/domain/index.ts';

const REGIONS = `regions:
  - { id: world, title: World, description: All, all: true }
  - { id: russia, title: Russia, description: Russia, countries: [RU] }
`;
const SOURCES = `sources:
  - id: tass
    url: https://tass.com/rss/v2.xml
    title: TASS
    language: en
`;
const OUTPUT = `output:
  baseUrl: https://feeds.example.org
`;

/** The lines of the ConfigError that parsing `text` throws. */
function problems(text: string, file = 'feeds.yaml'): string[] {
  try {
    parseConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig errors', () => {
  const cases: Array<{ mistake: string; text: string; expected: string }> = [
    {
      mistake: 'an unknown key in a source',
      text: `${REGIONS}${SOURCES}    pollMinute: 5\n${OUTPUT}`,
      expected: 'config: feeds.yaml:9: sources[0].pollMinute: unknown key',
    },
    {
      mistake: 'an unknown top-level key',
      text: `${REGIONS}${SOURCES}${OUTPUT}colour: blue\n`,
      expected: 'config: feeds.yaml:11: colour: unknown key',
    },
    {
      mistake: 'a URL that is not absolute http(s)',
      text: `${REGIONS}${SOURCES.replace('https://tass.com/rss/v2.xml', 'ftp://tass.com/rss')}${OUTPUT}`,
      expected: 'config: feeds.yaml:6: sources[0].url: must be an absolute http(s) URL',
    },
    {
      mistake: 'a relative base URL',
      text: `${REGIONS}${SOURCES}output:\n  baseUrl: /feeds\n`,
      expected: 'config: feeds.yaml:10: output.baseUrl: must be an absolute http(s) URL',
    },
    {
      mistake: 'a duplicate region id',
      text: `${REGIONS}  - { id: russia, title: Again, description: Again, countries: [BY] }\n${SOURCES}${OUTPUT}`,
      expected: 'config: feeds.yaml:4: regions[2].id: duplicate region id "russia"',
    },
    {
      mistake: 'a duplicate source id',
      text: `${REGIONS}${SOURCES}  - { id: tass, url: https://tass.ru/rss, title: TASS ru, language: ru }\n${OUTPUT}`,
      expected: 'config: feeds.yaml:9: sources[1].id: duplicate source id "tass"',
    },
    {
      mistake: 'a source default naming an unknown region',
      text: `${REGIONS}${SOURCES}    default: { regions: [russia, eurasia] }\n${OUTPUT}`,
      expected: 'config: feeds.yaml:9: sources[0].default.regions[1]: unknown region "eurasia"',
    },
    {
      mistake: 'an include naming an unknown region',
      text: `${REGIONS}  - { id: cis, title: CIS, description: CIS, include: [russia, belarus] }\n${SOURCES}${OUTPUT}`,
      expected: 'config: feeds.yaml:4: regions[2].include[1]: unknown region "belarus"',
    },
    {
      mistake: 'an unknown M49 area',
      text: `${REGIONS}  - id: asia\n    title: Asia\n    description: Asia\n    areas: [Eastern Asia, south-eastern asia]\n${SOURCES}${OUTPUT}`,
      expected: 'config: feeds.yaml:7: regions[2].areas[1]: unknown UN M49 area "south-eastern asia" (did you mean "South-eastern Asia"?)',
    },
    {
      mistake: 'an invalid country code',
      text: `${REGIONS}${SOURCES}    default:\n      countries: [RU, UK]\n${OUTPUT}`,
      expected: 'config: feeds.yaml:10: sources[0].default.countries[1]: "UK" is not an ISO 3166-1 alpha-2 country code',
    },
    {
      mistake: 'a missing required field',
      text: `${REGIONS}sources:\n  - id: tass\n    url: https://tass.com/rss/v2.xml\n    language: en\n${OUTPUT}`,
      expected: 'config: feeds.yaml:5: sources[0].title: is required',
    },
    {
      mistake: 'a missing URL',
      text: `${REGIONS}sources:\n  - { id: tass, title: TASS, language: en }\n${OUTPUT}`,
      expected: 'config: feeds.yaml:5: sources[0].url: is required',
    },
    {
      mistake: 'a missing section',
      text: `${REGIONS}${SOURCES}`,
      expected: 'config: feeds.yaml:1: output: is required',
    },
    {
      mistake: 'a number out of range',
      text: `${REGIONS}${SOURCES}${OUTPUT}fetch:\n  concurrency: 0\n`,
      expected: 'config: feeds.yaml:12: fetch.concurrency: must be at least 1',
    },
    {
      mistake: 'an allowed network that is no CIDR range',
      text: `${REGIONS}${SOURCES}${OUTPUT}fetch:\n  allowedNetworks:\n    - 10.20.0.0/16\n    - intranet\n`,
      expected: 'config: feeds.yaml:14: fetch.allowedNetworks[1]: must be a CIDR range such as 10.20.0.0/16 or fd00::/8',
    },
    {
      mistake: 'a word where a number belongs',
      text: `${REGIONS}${SOURCES}${OUTPUT}  itemsPerFeed: fifty\n`,
      expected: 'config: feeds.yaml:11: output.itemsPerFeed: must be a number',
    },
    {
      mistake: 'a language that is not a BCP 47 tag',
      text: `${REGIONS}${SOURCES.replace('language: en', 'language: english')}${OUTPUT}`,
      expected: 'config: feeds.yaml:8: sources[0].language: must be a BCP 47 language tag such as "en" or "pt-BR"',
    },
    {
      mistake: 'a region that names no countries',
      text: `${REGIONS}  - { id: empty, title: Empty, description: Nothing }\n${SOURCES}${OUTPUT}`,
      expected: 'config: feeds.yaml:4: regions[2]: names no countries: give countries, areas, include, keywords.include or all: true',
    },
    {
      mistake: 'a YAML syntax error',
      text: `${REGIONS}${SOURCES}    pollMinutes: [unclosed\n${OUTPUT}`,
      expected: 'config: feeds.yaml:10: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    },
    {
      mistake: 'a key given twice',
      text: `${REGIONS}${SOURCES}    url: https://tass.com/other.xml\n${OUTPUT}`,
      expected: 'config: feeds.yaml:9: YAML syntax: Map keys must be unique',
    },
    {
      mistake: 'a file that is not a mapping',
      text: '- regions\n- sources\n',
      expected: 'config: feeds.yaml:1: (top level): must be a mapping of keys',
    },
  ];

  it.each(cases)('reports $mistake', ({ text, expected }) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('accepts the base document the cases start from', () => {
    const config = parseConfig(`${REGIONS}${SOURCES}${OUTPUT}`, 'feeds.yaml');
    expect(config.sources.map((source) => source.id)).toEqual(['tass']);
  });

  it('reports every problem, one per line, in file order', () => {
    const text = `regions:
  - { id: world, title: World, description: All, all: true, colour: red }
  - { id: world, title: Again, description: Again, countries: [XX] }
sources:
  - { id: tass, url: tass.com, title: TASS, language: en, default: { regions: [nowhere] } }
output:
  baseUrl: https://feeds.example.org
  retentionDays: -1
`;
    expect(problems(text, 'config/feeds.yaml')).toEqual([
      'config: config/feeds.yaml:2: regions[0].colour: unknown key',
      'config: config/feeds.yaml:3: regions[1].countries[0]: "XX" is not an ISO 3166-1 alpha-2 country code',
      'config: config/feeds.yaml:3: regions[1].id: duplicate region id "world"',
      'config: config/feeds.yaml:5: sources[0].url: must be an absolute http(s) URL',
      'config: config/feeds.yaml:5: sources[0].default.regions[0]: unknown region "nowhere"',
      'config: config/feeds.yaml:8: output.retentionDays: must be at least 1',
    ]);
  });
});
