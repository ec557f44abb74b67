// `include:` merges other files' sources and regions; every problem names the file it is in and its line.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { ConfigError } from '../../src/domain/index.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-include-'));
  await mkdir(path.join(dir, 'sources'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MAIN = (include: string): string => `include: ${include}
regions:
  - { id: world, title: World, description: All, all: true }
sources:
  - { id: tass, url: "https://tass.com/rss/v2.xml", title: TASS, language: en }
output:
  baseUrl: https://feeds.example.org
`;

async function files(named: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(named)) await writeFile(path.join(dir, name), text);
  return path.join(dir, 'feeds.yaml');
}

async function problems(file: string): Promise<string[]> {
  const error = await loadConfig(file).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message.split('\n');
}

describe('include', () => {
  it("appends an included file's sources and regions to the main file's, and lists it", async () => {
    const file = await files({
      'feeds.yaml': MAIN('[sources/agencies.yaml]'),
      'sources/agencies.yaml': `regions:
  - { id: russia, title: Russia, description: Russia, countries: [RU] }
sources:
  - { id: ria, url: "https://ria.ru/export/rss2/index.xml", title: RIA, language: ru, default: { regions: [russia] } }
`,
    });
    const config = await loadConfig(file);
    expect(config.sources.map((source) => source.id)).toEqual(['tass', 'ria']);
    expect(config.regions.map((region) => region.id)).toEqual(['world', 'russia']);
    expect(config.sources[1]?.defaultRegions).toEqual(['russia']);
    expect(config.includes).toEqual([path.join(dir, 'sources/agencies.yaml')]);
  });

  it("names the included file, its line and the entry's index there", async () => {
    const file = await files({
      'feeds.yaml': MAIN('[sources/broken.yaml]'),
      'sources/broken.yaml': `sources:
  - { id: ok, url: "https://example.org/a.xml", title: A, language: en }
  - id: bad
    url: not-a-url
    title: B
    language: en
  - { id: tass, url: "https://example.org/c.xml", title: C, language: en }
`,
    });
    const included = path.join(dir, 'sources/broken.yaml');
    expect(await problems(file)).toEqual([
      `config: ${included}:4: sources[1].url: must be an absolute http(s) URL`,
      `config: ${included}:7: sources[2].id: duplicate source id "tass"`,
    ]);
  });

  it('reports a missing include, a YAML error in an included file and a key an included file may not hold', async () => {
    expect(await problems(await files({ 'feeds.yaml': MAIN('[sources/none.yaml]') }))).toEqual([
      `config: ${path.join(dir, 'feeds.yaml')}:1: include[0]: ${path.join(dir, 'sources/none.yaml')}: file not found`,
    ]);
    const syntax = await files({ 'feeds.yaml': MAIN('[sources/syntax.yaml]'), 'sources/syntax.yaml': 'sources:\n  - { id: x\n' });
    expect((await problems(syntax))[0]).toMatch(new RegExp(`^config: ${path.join(dir, 'sources/syntax.yaml')}:\\d+: YAML syntax: `));
    const output = await files({
      'feeds.yaml': MAIN('[sources/output.yaml]'),
      'sources/output.yaml': 'sources: []\noutput:\n  baseUrl: https://x.example\ninclude: [other.yaml]\n',
    });
    expect(await problems(output)).toEqual([
      `config: ${path.join(dir, 'sources/output.yaml')}:2: output: unknown key: an included file holds only sources: and regions:`,
      `config: ${path.join(dir, 'sources/output.yaml')}:4: include: unknown key: only the main config file includes files`,
    ]);
  });

  it('refuses a file included twice', async () => {
    const file = await files({ 'feeds.yaml': MAIN('[sources/a.yaml, ./sources/a.yaml]'), 'sources/a.yaml': 'sources: []\n' });
    expect(await problems(file)).toEqual([`config: ${file}:1: include[1]: "./sources/a.yaml" is included twice, or is the main file`]);
  });
});
