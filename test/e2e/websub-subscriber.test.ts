// End to end: a feed advertising a real hub (Link header) on loopback → one worker cycle subscribes →
// the hub verifies intent against the real app over a socket → the hub pushes → the story is served.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushReceiver } from '../../src/cli/push-receiver.ts';
import { createClassifier } from '../../src/classify/index.ts';
import { parseConfig } from '../../src/config/index.ts';
import { createFetchAgent } from '../../src/fetch/index.ts';
import { createHandler } from '../../src/http/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { runCycle, type IngestDeps } from '../../src/worker/index.ts';
import { startWebSubHub, type WebSubHub } from '../support/websub-hub.ts';

const rss = (titles: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link><description>Wire</description>
${titles.map((title, i) => `<item><title>${title}</title><link>https://wire.example.org/${encodeURIComponent(title)}</link><guid>wire-${title.length}-${i}-${title.slice(0, 12)}</guid><description>${title}. More text follows on the story.</description><pubDate>Fri, 04 Dec 2026 10:0${i}:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

const FIRST = 'Japanese premier visits Tokyo flood zone';
const PUSHED = 'Kenyan parliament passes the Nairobi transit budget';
const FORGED = 'Forged story that nobody published in Lima';

let dir: string;
let hub: WebSubHub;
let feed: { server: Server; url: string; requests: number };
let app: { server: Server; url: string };
let store: SqliteStore;
let deps: IngestDeps;
let closeReceiver: () => Promise<void>;
const logLines: string[] = [];

async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

async function storyTitles(): Promise<string[]> {
  const response = await fetch(`${app.url}/api/stories?limit=50`);
  const body = (await response.json()) as { stories: Array<{ title: string }> };
  return body.stories.map((story) => story.title);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-websub-'));
  hub = await startWebSubHub({ leaseSeconds: 3 });
  const feedServer = createServer((_req, res) => {
    feed.requests++;
    res.writeHead(200, { 'Content-Type': 'application/rss+xml', Link: `<${hub.url}>; rel="hub", <${feed.url}>; rel="self"` });
    res.end(rss([FIRST]));
  });
  feed = { server: feedServer, url: '', requests: 0 };
  feed.url = `${await listenOnLoopback(feedServer)}/wire.rss`;
  const appServer = createServer();
  app = { server: appServer, url: await listenOnLoopback(appServer) };
  const config = parseConfig(
    `regions:
  - { id: world, title: World, description: Every story, all: true }
sources:
  - { id: wire, url: ${feed.url}, title: Wire, language: en, pollMinutes: 60 }
output:
  baseUrl: ${app.url}
  publicUrl: ${app.url}
fetch:
  allowPrivateNetworks: true
  maxBytes: 4096
`,
    'websub.yaml',
  );
  store = await SqliteStore.open(path.join(dir, 'wirefeed.sqlite'));
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const agent = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 });
  closeAgent = () => agent.close();
  deps = { config, store, classifier: createClassifier(config.regions), logger, agent, userAgent: 'wirefeed-test', now: () => new Date() };
  // As `start` runs it: the worker's pipeline files pushes in the HTTP process.
  const receiver = await pushReceiver({ ...deps, useRegions: () => undefined, close: async () => {} }, { kind: 'here' });
  closeReceiver = receiver?.close ?? (async () => {});
  appServer.on('request', createHandler({ store, config, logger, push: receiver?.receive }));
}, 60_000);

afterAll(async () => {
  await closeReceiver?.();
  await closeAgent?.();
  await new Promise((resolve) => app?.server.close(resolve));
  await new Promise((resolve) => feed?.server.close(resolve));
  await hub?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

let closeAgent: (() => Promise<void>) | undefined;

describe('WebSub subscriber', () => {
  it('subscribes to the hub a polled feed names, and the hub verifies it', async () => {
    const [report] = await runCycle(deps, 'all');
    expect(report).toMatchObject({ status: 'ok', newStories: 1, advertised: { hubs: [hub.url], topic: feed.url } });
    await until('the hub verified', () => hub.verifications.length === 1);
    expect(hub.requests).toHaveLength(1);
    expect(hub.requests[0]).toMatchObject({ topic: feed.url, callback: `${app.url}/websub/wire`, leaseSeconds: '864000' });
    expect(hub.requests[0]?.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(hub.verifications[0]).toMatchObject({ status: 200, echoed: true });
    const websub = (await store.getSourceState('wire'))?.websub;
    expect(websub).toMatchObject({ hub: hub.url, topic: feed.url, status: 'active', secret: hub.requests[0]?.secret });
  });

  it('shows the subscription on /api/sources, and never serves the secret', async () => {
    const { sources } = (await (await fetch(`${app.url}/api/sources`)).json()) as { sources: Array<{ websub: unknown }> };
    expect(sources[0]?.websub).toEqual({ hub: hub.url, topic: feed.url, status: 'active', leaseUntil: expect.any(String), reason: null });
    const secret = hub.requests[0]?.secret ?? 'missing';
    for (const route of ['/api/sources', '/api/stories', '/feeds/world.json', '/']) {
      expect(await (await fetch(`${app.url}${route}`)).text()).not.toContain(secret);
    }
  });

  it('files a pushed document as a story, with no poll', async () => {
    const polls = feed.requests;
    expect(await hub.publish(feed.url, rss([PUSHED, FIRST]), 'application/rss+xml')).toEqual([202]);
    expect(await storyTitles()).toEqual([PUSHED, FIRST]);
    expect(feed.requests).toBe(polls);
  });

  it('ignores a push with a wrong or missing signature (202, nothing filed)', async () => {
    const callback = `${app.url}/websub/wire`;
    expect(await hub.pushRaw(callback, rss([FORGED]), `sha256=${'0'.repeat(64)}`)).toBe(202);
    expect(await hub.pushRaw(callback, rss([FORGED]), 'sha256=not-hex')).toBe(202);
    expect(await hub.pushRaw(callback, rss([FORGED]))).toBe(202);
    expect(await storyTitles()).not.toContain(FORGED);
  });

  it('answers 410 to a push for a source it does not have', async () => {
    expect(await hub.pushRaw(`${app.url}/websub/nobody`, rss([FORGED]), 'sha256=00')).toBe(410);
  });

  it('refuses a verification for a topic or source it did not ask for (404), and echoes nothing', async () => {
    const params = { 'hub.mode': 'subscribe', 'hub.topic': 'https://elsewhere.example.org/feed', 'hub.challenge': 'c-1', 'hub.lease_seconds': '60' };
    expect(await hub.verify(`${app.url}/websub/wire`, params)).toMatchObject({ status: 404 });
    expect(await hub.verify(`${app.url}/websub/nobody`, { ...params, 'hub.topic': feed.url })).toMatchObject({ status: 404 });
    expect((await hub.verify(`${app.url}/websub/wire`, params)).body).not.toContain('c-1');
    expect((await store.getSourceState('wire'))?.websub?.status).toBe('active');
  });

  it('acknowledges a signed push that is no feed, and logs it as an error', async () => {
    expect(await hub.publish(feed.url, '<html><body>Maintenance</body></html>', 'text/html')).toEqual([202]);
    const errors = logLines.filter((line) => line.includes('websub: pushed document could not be filed'));
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0] ?? '{}')).toMatchObject({ level: 50, source: 'wire' });
  });

  it('refuses a push larger than fetch.maxBytes (413), filing nothing', async () => {
    const huge = rss([FORGED, ...Array.from({ length: 40 }, (_, i) => `Padding story number ${i} about the weather in Lima`)]);
    expect(huge.length).toBeGreaterThan(4096);
    expect(await hub.publish(feed.url, huge, 'application/rss+xml')).toEqual([413]);
    expect(await storyTitles()).not.toContain(FORGED);
  });

  it('renews the lease before it ends, with the same secret and no poll', async () => {
    const polls = feed.requests;
    const before = (await store.getSourceState('wire'))?.websub?.leaseUntil ?? '';
    // The source is not due (60 minutes): this cycle only looks after subscriptions.
    expect(await runCycle(deps, 'due')).toEqual([]);
    await until('the renewal verified', () => hub.verifications.length === 2);
    expect(hub.requests).toHaveLength(2);
    expect(hub.requests[1]?.secret).toBe(hub.requests[0]?.secret);
    const websub = (await store.getSourceState('wire'))?.websub;
    expect(websub?.status).toBe('active');
    expect(Date.parse(websub?.leaseUntil ?? '')).toBeGreaterThan(Date.parse(before));
    expect(feed.requests).toBe(polls);
  });

  it('records a denial the hub sends', async () => {
    const answer = await hub.verify(`${app.url}/websub/wire`, { 'hub.mode': 'denied', 'hub.topic': feed.url, 'hub.reason': 'not on this hub' });
    expect(answer.status).toBe(200);
    expect((await store.getSourceState('wire'))?.websub).toMatchObject({ status: 'denied', reason: 'not on this hub' });
    // A denied subscription is retried after its backoff, not on the next cycle.
    await runCycle(deps, 'due');
    expect(hub.requests).toHaveLength(2);
  });

  it('never logs the secret', () => {
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.filter((line) => line.includes(hub.requests[0]?.secret ?? 'missing'))).toEqual([]);
  });
});
