// A wire story republished by an outlet with edits is served once, listing both sources; look-alike
// stories on the same subject the same day stay apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../support/fixture-server.ts';
import { ingestAndServe, type Served } from '../support/ingest-and-serve.ts';

const config = (fixtures: FixtureServer): string => `regions:
  - { id: world, title: World, description: Every story, all: true }
  - { id: africa, title: Africa, description: Africa, areas: [Africa] }
sources:
  - { id: wire-agency, url: "${fixtures.url('wire/agency-africa.rss')}", title: Wire Agency, language: en }
  - { id: daily-outlet, url: "${fixtures.url('wire/outlet-africa.atom')}", title: Daily Outlet, language: en }
output:
  baseUrl: http://feeds.example.test
fetch:
  allowPrivateNetworks: true # the fixture server is on loopback
  concurrency: 1 # the agency first, so its item starts the story
  hostSpacingMs: 0 # every fixture is on one loopback host
`;

interface JsonItem {
  id: string;
  title: string;
  url: string;
  content_html: string;
  _wirefeed: { copies: { source: string; url: string }[] };
}

let served: Served;

beforeAll(async () => {
  // The real clock: Redis expires the fingerprint index by its own clock, not the worker's.
  served = await ingestAndServe(config, new Date());
});

afterAll(async () => {
  await served?.close();
});

describe('near-duplicate copies across sources', () => {
  it('files the outlet copy under the agency story and keeps look-alikes apart', () => {
    const byId = Object.fromEntries(served.reports.map((report) => [report.sourceId, report]));
    expect(byId['wire-agency']).toMatchObject({ status: 'ok', items: 2, newStories: 2, copies: 0 });
    expect(byId['daily-outlet']).toMatchObject({ status: 'ok', items: 2, newStories: 1, copies: 1 });
  });

  it('serves one item per story, with the first item id as guid and the copy as "also reported by"', async () => {
    const feed = JSON.parse(await served.get('/feeds/africa.json')) as { items: JsonItem[] };
    expect(feed.items.map((item) => item.title).sort()).toEqual([
      'KENYA SENATE DELAYS VOTE ON FINANCE BILL',
      "KENYA'S PARLIAMENT APPROVES NEW RAIL FUNDING",
      'Kenya’s Rail Plan Faces Court Challenge | Daily Outlet',
    ]);
    const rail = feed.items.find((item) => item.title.startsWith("KENYA'S PARLIAMENT")) as JsonItem;
    expect(rail.url).toBe('https://wire-agency.example/africa/2026/02/09/kenya-rail');
    expect(rail._wirefeed.copies).toEqual([
      expect.objectContaining({
        url: 'https://daily-outlet.example/africa/2026/02/09/kenyas-parliament-approves-new-rail-funding?utm_source=rss&utm_campaign=africa',
      }),
    ]);
    expect(rail.content_html).toMatch(/Also reported by/);
    expect(rail.content_html).toContain('Daily Outlet');
  });

  it('shows the copy in RSS too, under the unchanged guid', async () => {
    const rss = await served.get('/feeds/world.rss');
    const feed = JSON.parse(await served.get('/feeds/world.json')) as { items: JsonItem[] };
    const rail = feed.items.find((item) => item.title.startsWith("KENYA'S PARLIAMENT")) as JsonItem;
    expect(rss.match(new RegExp(`<guid[^>]*>${rail.id}</guid>`, 'g'))).toHaveLength(1);
    expect(rss).not.toContain('Kenya’s Parliament Approves New Rail Funding | Daily Outlet');
  });
});

describe('near-duplicate copies from sources polled at once', () => {
  let concurrent: Served;

  beforeAll(async () => {
    const atOnce = (fixtures: FixtureServer): string => config(fixtures).replace(/concurrency: 1.*\n/, 'concurrency: 2\n');
    concurrent = await ingestAndServe(atOnce, new Date());
  });

  afterAll(async () => {
    await concurrent?.close();
  });

  it('still files one as the copy of the other, whichever feed arrives first', async () => {
    const copies = concurrent.reports.reduce((sum, report) => sum + report.copies, 0);
    const fresh = concurrent.reports.reduce((sum, report) => sum + report.newStories, 0);
    expect({ copies, fresh }).toEqual({ copies: 1, fresh: 3 });
    const feed = JSON.parse(await concurrent.get('/feeds/world.json')) as { items: JsonItem[] };
    expect(feed.items).toHaveLength(3);
  });
});
