// End to end: fixture feeds over HTTP → one worker cycle into the real Redis → the real Express app
// over a socket, read back by rss-parser and as JSON Feed 1.1.
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../support/fixture-server.ts';
import { ingestAndServe, type Served } from '../support/ingest-and-serve.ts';

const KURILS = "Russia rejects Tokyo's claim to the southern Kuril Islands";

function configYaml(fixtures: FixtureServer): string {
  const source = (id: string, file: string, extra = '') => `  - id: ${id}\n    url: ${fixtures.url(file)}\n    title: ${id} title\n    language: en\n${extra}`;
  return `regions:
  - { id: world, title: World, description: Every story, all: true }
  - { id: russia, title: Russia, description: Russia, countries: [RU] }
  - { id: asia-pacific, title: Asia-Pacific, description: Asia and the Pacific, areas: [Eastern Asia, Oceania] }
  - { id: africa, title: Africa, description: Africa, areas: [Africa] }
  - { id: americas, title: Americas, description: The Americas, areas: [Americas] }
sources:
${source('wire-moscow', 'wire/ria-world.rss')}${source('daily-outlet', 'wire/outlet-world.atom')}${source('guardian', 'feeds/news/rss-parser__guardian.rss', '    default: { countries: [GB] }\n')}${source('moved', 'wire/not-a-feed.html')}${source('gone', 'wire/no-such-feed.xml')}
output:
  baseUrl: http://feeds.example.test
  itemsPerFeed: 100
fetch:
  allowPrivateNetworks: true # the fixture server is on loopback
  concurrency: 1 # sources in config order, so the agency's item is the story and the outlet's its copy
  hostSpacingMs: 0 # every fixture is on one loopback host
`;
}

let served: Served;

beforeAll(async () => {
  served = await ingestAndServe(configYaml, new Date('2026-02-07T13:00:00Z'));
});

afterAll(async () => {
  await served?.close();
});

const get = (path: string): Promise<string> => served.get(path);

async function titlesOf(path: string): Promise<string[]> {
  const feed = await new Parser().parseString(await get(path));
  return feed.items.map((item) => item.title ?? '');
}

describe('one worker cycle, served', () => {
  it('reports each source, and failing sources do not stop the others', () => {
    const byId = Object.fromEntries(served.reports.map((report) => [report.sourceId, report]));
    expect(byId['wire-moscow']).toMatchObject({ status: 'ok', items: 2, newStories: 2 });
    expect(byId['daily-outlet']).toMatchObject({ status: 'ok', items: 3, newStories: 2, copies: 1 });
    expect(byId['guardian']?.status).toBe('ok');
    expect(byId['guardian']?.newStories).toBeGreaterThan(10);
    expect(byId['moved']).toMatchObject({ status: 'failed' });
    expect(byId['moved']?.error).toMatch(/not a feed/i);
    expect(byId['gone']).toMatchObject({ status: 'failed' });
    expect(byId['gone']?.error).toMatch(/404/);
  });

  it("shows each source's last poll on /api/sources, failures with their reason", async () => {
    const { sources } = JSON.parse(await get('/api/sources')) as {
      sources: Array<{ id: string; lastError: string | null; consecutiveFailures: number; itemsSeen: number }>;
    };
    const byId = Object.fromEntries(sources.map((source) => [source.id, source]));
    expect(sources.map((source) => source.id)).toEqual(['wire-moscow', 'daily-outlet', 'guardian', 'moved', 'gone']);
    expect(byId['wire-moscow']).toMatchObject({ lastError: null, consecutiveFailures: 0, itemsSeen: 2 });
    expect(byId['moved']?.lastError).toBe(`parse: not a feed (an HTML page) at ${served.fixtureUrl('wire/not-a-feed.html')}`);
    expect(byId['gone']).toMatchObject({ consecutiveFailures: 1, itemsSeen: 0 });
    expect(byId['gone']?.lastError).toMatch(/404/);
  });

  it('puts a Moscow-datelined story about Japan in russia and asia-pacific, once', async () => {
    const russia = await titlesOf('/feeds/russia.rss');
    expect(russia.filter((title) => title === KURILS)).toHaveLength(1);
    const asia = await titlesOf('/feeds/asia-pacific.atom');
    expect(asia.filter((title) => title === KURILS)).toHaveLength(1);
    const world = await titlesOf('/feeds/world.rss');
    expect(world.filter((title) => title === KURILS)).toHaveLength(1);
    expect(await titlesOf('/feeds/country/jp.rss')).toContain(KURILS);
  });

  it('keeps stories out of regions they are not about', async () => {
    const africa = await titlesOf('/feeds/africa.rss');
    expect(africa).toContain("Kenya's central bank holds its main rate");
    expect(africa).not.toContain(KURILS);
    expect(await titlesOf('/feeds/americas.atom')).toContain('Senate passes stopgap spending bill');
    expect(await titlesOf('/feeds/russia.rss')).not.toContain('Senate passes stopgap spending bill');
  });

  it('serves the region as JSON Feed 1.1 with the original link, source and countries', async () => {
    const feed = JSON.parse(await get('/feeds/russia.json'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('http://feeds.example.test/feeds/russia.json');
    const kurils = feed.items.find((item: { title: string }) => item.title === KURILS);
    expect(kurils.url).toBe('https://wire-moscow.example/world/20260207/kurils-claim.html');
    expect(kurils.tags).toEqual(expect.arrayContaining(['RU', 'JP']));
    expect(JSON.stringify(kurils)).toContain('wire-moscow title');
    // Sanitized once, when the story was stored: the paragraphs stay, the script goes; the copy is credited.
    expect(kurils.content_html).toBe(
      '<p>MOSCOW, February 7 (Wire Agency) - The Russian Foreign Ministry on Saturday rejected a statement by the Japanese government on the southern Kuril Islands, saying the islands passed to the Soviet Union after the Second World War.</p>' +
        '<p>Tokyo calls the islands its Northern Territories and has pressed for their return since 1956. Japan and Russia have never signed a peace treaty.</p>' +
        '<p class="also-reported">Also reported by: <a href="https://wire-moscow.example/world/20260207/kurils-claim.html?utm_source=daily-outlet&amp;utm_medium=rss#top">daily-outlet title</a></p>',
    );
    expect(new Date(kurils.date_published).toISOString()).toBe('2026-02-07T06:15:00.000Z');
  });

  it('stores the real-world feed with its items', async () => {
    const world = await titlesOf('/feeds/world.rss');
    expect(world.length).toBeGreaterThan(12);
  });
});
