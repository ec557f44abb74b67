// `wirefeed import-opml` on a newsroom's real-shaped OPML export, as a child process: the sources
// file it writes is included by the config and passes check-config; duplicates are reported, not added.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../support/run-cli.ts';

const OPML = fileURLToPath(new URL('../fixtures/opml/newsroom.opml', import.meta.url));

let dir: string;
let configFile: string;
let out: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-opml-'));
  configFile = path.join(dir, 'feeds.yaml');
  out = path.join(dir, 'sources', 'opml-import.yaml');
  await writeFile(
    configFile,
    `regions:
  - { id: world, title: World, description: Every story, all: true }
sources:
  - { id: tass, url: "https://tass.com/rss/v2.xml", title: TASS, language: en }
output:
  baseUrl: https://feeds.example.org
`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('wirefeed import-opml', () => {
  it('refuses entries with no language unless --language gives one, and writes nothing', async () => {
    const result = await runCli(['import-opml', OPML, '--config', configFile]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`import-opml: ${OPML}: 2 entries name no language ("Kyodo News", "Politics"): give one with --language\n`);
    await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('writes the feeds with unique ids, reports duplicates and bad URLs, and the config including it passes check-config', async () => {
    const result = await runCli(['import-opml', OPML, '--language', 'en', '--config', configFile]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'skipped "TASS" https://tass.com/rss/v2.xml?utm_source=feedly: duplicate of source "tass"',
      'skipped "Agence France-Presse (EN)" https://www.AFP.example/en/rss#top: duplicate of source "agence-france-presse-en"',
      'skipped "Old gopher feed" gopher://old.example/feed: not an absolute http(s) URL',
      `${out}: 6 sources written, 3 skipped`,
      `add to ${configFile}: include: [sources/opml-import.yaml]`,
      '',
    ]);
    const written = parse(await readFile(out, 'utf8')) as { sources: unknown[] };
    expect(written.sources).toEqual([
      { id: 'agence-france-presse-en', url: 'https://www.afp.example/en/rss', title: 'Agence France-Presse (EN)', language: 'en' },
      { id: 'ria-ru', url: 'https://ria.ru/export/rss2/archive/index.xml', title: 'РИА Новости', language: 'ru' },
      { id: 'kyodo-news', url: 'https://english.kyodonews.example/rss/all.xml', title: 'Kyodo News', language: 'en' },
      { id: 'balkan-insight', url: 'https://balkaninsight.example/feed/', title: 'Balkan Insight', language: 'en-GB' },
      { id: 'politics', url: 'https://outlet-one.example/politics.rss', title: 'Politics', language: 'en' },
      { id: 'politics-2', url: 'https://outlet-two.example/politics/rss.xml', title: 'Politics', language: 'de' },
    ]);

    await writeFile(configFile, `include: [sources/opml-import.yaml]\n${await readFile(configFile, 'utf8')}`);
    const check = await runCli(['check-config', configFile]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe(`${configFile}: ok, 7 sources, 1 regions (1 taking every story)\n`);
  });

  it('refuses to replace the file without --force; with it, a re-import does not count its own sources as duplicates', async () => {
    const before = await readFile(out, 'utf8');
    const refused = await runCli(['import-opml', OPML, '--language', 'en', '--config', configFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`import-opml: ${out} exists; --force replaces it\n`);

    const again = await runCli(['import-opml', OPML, '--language', 'en', '--force', '--config', configFile]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/: 6 sources written, 3 skipped\n$/);
    expect(again.stdout).not.toMatch(/add to/);
    expect(await readFile(out, 'utf8')).toBe(before);
  });

  it('refuses a --language that is not a language tag', async () => {
    const result = await runCli(['import-opml', OPML, '--language', 'english', '--out', path.join(dir, 'x.yaml'), '--config', configFile]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('import-opml: --language "english" must be a BCP 47 language tag such as "en" or "pt-BR"\n');
  });

  it('says so when the file is not OPML', async () => {
    const result = await runCli(['import-opml', configFile, '--language', 'en', '--out', path.join(dir, 'x.yaml'), '--config', configFile]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`import-opml: ${configFile}: not an OPML document (Invalid OPML format)\n`);
  });
});
