// WebSub publishing: feeds name the hub, and the worker tells a hub (here a real HTTP receiver on
// loopback) which region and country feeds changed, once per change.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetchAgent } from '../../src/fetch/index.ts';
import { createCatalog, publishedFeeds } from '../../src/http/index.ts';
import { SqliteStore, type Store } from '../../src/store/index.ts';
import { createWebSubPublisher, startWorker } from '../../src/worker/index.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { listingStories } from './listing-stories.ts';
import { fileCopyAt, fileStoriesAt, SEEDED_AT, startTestApp, testConfig, type TestApp } from './test-app.ts';

interface Hub {
  url: string;
  /** Each ping's form fields, in arrival order. */
  pings: Record<string, string>[];
  /** Status the hub answers with. */
  status: number;
  close(): Promise<void>;
}

async function startHub(): Promise<Hub> {
  const hub: Partial<Hub> & { pings: Record<string, string>[]; status: number } = { pings: [], status: 204 };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.method === 'POST' && request.headers['content-type'] === 'application/x-www-form-urlencoded') {
        hub.pings.push(Object.fromEntries(new URLSearchParams(body)));
      }
      response.writeHead(hub.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;
  return Object.assign(hub, { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

const HUB = 'https://hub.example.test/';
const silent = pino({ level: 'silent' });

function hubConfig(hub: string) {
  const config = testConfig();
  return { ...config, output: { ...config.output, websub: { hub } } };
}

describe('feeds name the hub', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ config: hubConfig(HUB) });
  });
  afterAll(() => app.close());

  it.each([
    ['/feeds/russia.rss', '<atom:link rel="hub" href="https://hub.example.test/"/>'],
    ['/feeds/russia.atom', '<link rel="hub" href="https://hub.example.test/"/>'],
  ])('%s in its Link headers and its body', async (path, element) => {
    const response = await app.get(path);
    expect(response.headers.get('link')).toBe(`<${HUB}>; rel="hub", <http://feeds.example.test${path}>; rel="self"`);
    expect(await response.text()).toContain(element);
  });

  it('/feeds/country/jp.json in its Link headers and its hubs', async () => {
    const response = await app.get('/feeds/country/jp.json');
    expect(response.headers.get('link')).toBe(`<${HUB}>; rel="hub", <http://feeds.example.test/feeds/country/jp.json>; rel="self"`);
    expect(((await response.json()) as { hubs: unknown }).hubs).toEqual([{ type: 'WebSub', url: HUB }]);
  });

  it('names the filtered feed itself as the topic of a filtered feed', async () => {
    const response = await app.get('/feeds/world.atom?q=kremlin');
    expect(response.headers.get('link')).toBe(`<${HUB}>; rel="hub", <http://feeds.example.test/feeds/world.atom?q=kremlin>; rel="self"`);
  });
});

describe('the publisher', () => {
  let hub: Hub;
  let store: Store;
  beforeEach(async () => {
    hub = await startHub();
    store = SqliteStore.inMemory();
    await fileStoriesAt(store, listingStories().slice(0, 2), SEEDED_AT);
  });
  afterEach(async () => {
    await hub.close();
    await store.close();
  });

  const publisher = () =>
    createWebSubPublisher({ hub: hub.url, feeds: publishedFeeds(createCatalog(hubConfig(hub.url))), store, logger: silent, userAgent: 'wirefeed-test' });

  it('pings the hub once for each format of each changed region and country feed, and not again until the next change', async () => {
    const websub = publisher();
    await websub.start();
    expect(await websub.publishChanges()).toEqual([]);
    const [, , russian] = listingStories();
    if (!russian) throw new Error('no story');
    await fileStoriesAt(store, [russian], new Date(SEEDED_AT.getTime() + 60_000));
    await websub.publishChanges();
    const feeds = ['world', 'russia', 'country/ru'];
    const urls = feeds.flatMap((feed) => ['rss', 'atom', 'json'].map((format) => `http://feeds.example.test/feeds/${feed}.${format}`));
    expect(hub.pings.map((ping) => ping['hub.url']).sort()).toEqual(urls.sort());
    expect(hub.pings.every((ping) => ping['hub.mode'] === 'publish')).toBe(true);
    hub.pings.length = 0;
    expect(await websub.publishChanges()).toEqual([]);
    expect(hub.pings).toEqual([]);
  });

  it('tells the hub again after the next cycle when it refused a ping', async () => {
    const websub = publisher();
    await websub.start();
    hub.status = 503;
    await fileCopyAt(
      store,
      'nhk-t2',
      { itemId: 'abc-9', sourceId: 'abc-au', link: 'https://www.abc.net.au/9', published: '2025-06-10T12:00:00.000Z' },
      new Date(SEEDED_AT.getTime() + 60_000),
    );
    expect(await websub.publishChanges()).toEqual([]);
    hub.status = 202;
    hub.pings.length = 0;
    const told = await websub.publishChanges();
    expect(told.map((url) => url.replace('http://feeds.example.test/feeds/', '')).sort()).toEqual(
      ['asia-pacific', 'country/jp', 'world'].flatMap((feed) => ['atom', 'json', 'rss'].map((f) => `${feed}.${f}`)).sort(),
    );
    expect(hub.pings).toHaveLength(9);
  });
});

describe('the worker', () => {
  let hub: Hub;
  let fixtures: FixtureServer;
  beforeAll(async () => {
    hub = await startHub();
    fixtures = await startFixtureServer();
  });
  afterAll(async () => {
    await hub.close();
    await fixtures.close();
  });

  it('pings the hub after a cycle that filed new stories', async () => {
    const store = SqliteStore.inMemory();
    const base = hubConfig(hub.url);
    const config = { ...base, sources: [{ ...base.sources[0], id: 'wire', url: fixtures.url('wire/ria-world.rss'), title: 'Wire' }] } as typeof base;
    const websub = createWebSubPublisher({ hub: hub.url, feeds: publishedFeeds(createCatalog(config)), store, logger: silent, userAgent: 'wirefeed-test' });
    await websub.start();
    let cycles = 0;
    const classifier = { classify: () => ({ countries: ['RU'], regions: ['world', 'russia'], evidence: [] }) };
    const agent = createFetchAgent(config.fetch);
    const deps = { config, store, classifier, logger: silent, agent, userAgent: 'wirefeed-test', now: () => new Date() };
    const worker = startWorker(deps, { afterCycle: async () => (await websub.publishChanges(), cycles++) });
    while (cycles === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.stop();
    await agent.close();
    await store.close();
    expect(hub.pings.map((ping) => ping['hub.url']).sort()).toEqual(
      ['world', 'russia', 'country/ru'].flatMap((feed) => ['rss', 'atom', 'json'].map((f) => `http://feeds.example.test/feeds/${feed}.${f}`)).sort(),
    );
  });
});
