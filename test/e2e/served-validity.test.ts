// The feeds the real app serves after a real worker cycle, for the world, a region and a country in
// each format: RSS and Atom through the W3C Feed Validator where it is installed (CI has it beside
// the checkout), JSON Feed through the project's own JSON Feed 1.1 checker everywhere.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../support/fixture-server.ts';
import { ingestAndServe, type Served } from '../support/ingest-and-serve.ts';
import { hasValidator, validateFeed } from '../support/w3c-validator.ts';
import { jsonFeedProblems } from '../render/json-feed-rules.ts';

const BASE = 'http://feeds.example.test';
const FEEDS = ['/feeds/world', '/feeds/russia', '/feeds/asia-pacific', '/feeds/country/jp', '/feeds/country/gb'];

function configYaml(fixtures: FixtureServer): string {
  const source = (id: string, file: string, extra = '') => `  - id: ${id}\n    url: ${fixtures.url(file)}\n    title: ${id} title\n    language: en\n${extra}`;
  return `regions:
  - { id: world, title: World, description: Every story, all: true }
  - { id: russia, title: Russia, description: Russia, countries: [RU] }
  - { id: asia-pacific, title: Asia-Pacific, description: Asia and the Pacific, areas: [Eastern Asia, Oceania] }
sources:
${source('wire-moscow', 'wire/ria-world.rss')}${source('daily-outlet', 'wire/outlet-world.atom')}${source('guardian', 'feeds/news/rss-parser__guardian.rss', '    default: { countries: [GB] }\n')}
output:
  baseUrl: ${BASE}
  itemsPerFeed: 100
fetch:
  allowPrivateNetworks: true # the fixture server is on loopback
  concurrency: 1
  hostSpacingMs: 0 # every fixture is on one loopback host
`;
}

let served: Served;
let dir = '';

beforeAll(async () => {
  served = await ingestAndServe(configYaml, new Date('2026-02-07T13:00:00Z'));
  dir = await mkdtemp(join(tmpdir(), 'wirefeed-served-'));
});

afterAll(async () => {
  await served?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('served JSON Feeds', () => {
  it.each(FEEDS)('%s.json is JSON Feed 1.1 with no problem', async (feed) => {
    expect(jsonFeedProblems(JSON.parse(await served.get(`${feed}.json`)))).toEqual([]);
  });
});

describe.runIf(hasValidator)('served RSS and Atom in the W3C Feed Validator (runs where ../shared/tools/validate-feed and its Python packages exist)', () => {
  for (const feed of FEEDS) {
    for (const format of ['rss', 'atom']) {
      it(`${feed}.${format} is valid with no error and no warning`, { timeout: 30_000 }, async () => {
        const body = await served.get(`${feed}.${format}`);
        expect(body).toContain(format === 'rss' ? '<item>' : '<entry');
        const name = `${feed.replaceAll('/', '_')}.${format}`;
        expect(await validateFeed(dir, name, body, `${BASE}${feed}.${format}`)).toBe('valid');
      });
    }
  }
});
