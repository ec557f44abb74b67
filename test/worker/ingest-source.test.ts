// The worker over a real fixture server and the embedded store: a re-fetched feed files only what is new.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/index.ts';
import { parseConfig, type Config } from '../../src/config/index.ts';
import { createFetchAgent } from '../../src/fetch/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { ingestSource, type IngestDeps } from '../../src/worker/index.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';

const NOW = new Date('2026-02-09T12:00:00Z');
const RAIL = 'https://wire-agency.example/africa/2026/02/09/kenya-rail';

function configFor(fixtures: FixtureServer, file: string, fetchSettings = ''): Config {
  return parseConfig(
    `regions:
  - { id: africa, title: Africa, description: Africa, areas: [Africa] }
sources:
  - { id: wire-africa, url: ${fixtures.url(file)}, title: Wire Africa, language: en }
output: { baseUrl: http://feeds.example.test }
fetch: { allowPrivateNetworks: true${fetchSettings} }
`,
    'worker.yaml',
  );
}

let fixtures: FixtureServer;
const store = SqliteStore.inMemory();
// The fixture server is on loopback.
const agent = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 });

beforeAll(async () => {
  fixtures = await startFixtureServer();
});

afterAll(async () => {
  await agent.close();
  await store.close();
  await fixtures.close();
});

function depsFor(config: Config): IngestDeps {
  return { config, store, classifier: createClassifier(config.regions), logger: pino({ level: 'silent' }), agent, userAgent: 'wirefeed-test', now: () => NOW };
}

describe('ingestSource on a re-fetched feed', () => {
  it('files only the new entry and leaves the stored ones as they were', async () => {
    const first = configFor(fixtures, 'wire/agency-africa.rss');
    const before = await ingestSource(first.sources[0]!, depsFor(first));
    expect(before).toMatchObject({ status: 'ok', items: 2, newStories: 2, copies: 0 });

    const later = configFor(fixtures, 'wire/agency-africa-later.rss');
    const after = await ingestSource(later.sources[0]!, depsFor(later));
    expect(after).toMatchObject({ status: 'ok', items: 3, newStories: 1, copies: 0 });

    const africa = await store.listStories({ region: 'africa', limit: 10 });
    expect(africa.stories.map((story) => story.item.title)).toEqual([
      'UGANDA WELCOMES KENYA RAIL EXTENSION',
      'KENYA SENATE DELAYS VOTE ON FINANCE BILL',
      "KENYA'S PARLIAMENT APPROVES NEW RAIL FUNDING",
    ]);
    const rail = africa.stories.find((story) => story.item.url === RAIL);
    expect(rail?.item.summary.startsWith("NAIROBI, Feb 9 (Wire Agency) - Kenya's parliament")).toBe(true);
    expect((await store.getSourceState('wire-africa'))?.itemsSeen).toBe(5);
  });
});

describe('ingestSource on a new story', () => {
  it('stores its content sanitized and never the publisher HTML', async () => {
    const config = configFor(fixtures, 'wire/ria-world.rss');
    await ingestSource(config.sources[0]!, depsFor(config));
    const { stories } = await store.listStories({ country: 'RU', limit: 10 });
    const kurils = stories.find((story) => story.item.url === 'https://wire-moscow.example/world/20260207/kurils-claim.html');
    // The feed's <script> after the two paragraphs is gone.
    expect(kurils?.item.contentHtml?.endsWith('Japan and Russia have never signed a peace treaty.</p>')).toBe(true);
    expect(kurils?.item).not.toHaveProperty('publisherHtml');
  });
});

describe('ingestSource on a feed over fetch.maxItemsPerFeed', () => {
  it('files the newest entries only and keeps the warning in the source state', async () => {
    const config = configFor(fixtures, 'wire/agency-africa-later.rss', ', maxItemsPerFeed: 2');
    const own = SqliteStore.inMemory();
    try {
      const report = await ingestSource(config.sources[0]!, { ...depsFor(config), store: own });
      expect(report).toMatchObject({ status: 'ok', items: 2, newStories: 2 });
      const { stories } = await own.listStories({ region: 'africa', limit: 10 });
      expect(stories.map((story) => story.item.published)).toEqual(['2026-02-09T10:51:00.000Z', '2026-02-09T09:33:00.000Z']);
      const warning = 'normalize: read the newest 2 of 3 entries, dropped 1 (fetch.maxItemsPerFeed)';
      expect(report.warnings).toContain(warning);
      expect((await own.getSourceState('wire-africa'))?.warnings).toContain(warning);
    } finally {
      await own.close();
    }
  });
});
