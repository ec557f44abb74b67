// Subscription requests against real servers on loopback and a real SQLite file: what is filed when
// a hub cannot be asked, or refuses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/config/index.ts';
import { createFetchAgent } from '../../src/fetch/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { maintainSubscriptions } from '../../src/worker/websub-subscribe.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { startWebSubHub, type WebSubHub } from '../support/websub-hub.ts';

let dir: string;
let store: SqliteStore;
let hub: WebSubHub;
let fixtures: FixtureServer;

const TOPIC = 'https://wire.example.org/feed.xml';
const NOW = new Date('2026-12-04T12:00:00Z');

function config(allowPrivateNetworks: boolean, publicUrl = 'https://feeds.example.org'): Config {
  return parseConfig(
    `regions:
  - { id: world, title: World, description: Every story, all: true }
sources:
  - { id: wire, url: "${TOPIC}", title: Wire, language: en }
output:
  baseUrl: https://feeds.example.org
${publicUrl ? `  publicUrl: ${publicUrl}\n` : ''}fetch:
  allowPrivateNetworks: ${allowPrivateNetworks}
`,
    'subscribe.yaml',
  );
}

// The process's agent is built from the same fetch config: its guard is the one that refuses private hubs.
const agents = {
  open: createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 }),
  guarded: createFetchAgent({ allowPrivateNetworks: false, timeoutMs: 5_000 }),
};
const deps = (cfg: Config) => {
  const agent = cfg.fetch.allowPrivateNetworks ? agents.open : agents.guarded;
  return { config: cfg, store, logger: pino({ level: 'silent' }), agent, userAgent: 'wirefeed-test', now: () => NOW };
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-subscribe-'));
  store = await SqliteStore.open(path.join(dir, 'wirefeed.sqlite'));
  hub = await startWebSubHub({ leaseSeconds: 60 });
  fixtures = await startFixtureServer();
});

afterAll(async () => {
  await Promise.all([agents.open.close(), agents.guarded.close()]);
  await fixtures?.close();
  await hub?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('maintainSubscriptions', () => {
  it('asks nothing without output.publicUrl', async () => {
    await maintainSubscriptions(new Map([['wire', { hubs: [hub.url], topic: TOPIC }]]), deps(config(true, '')));
    expect(hub.requests).toEqual([]);
    expect(await store.getSourceState('wire')).toBeUndefined();
  });

  it('does not POST to a hub on a private network unless fetch.allowPrivateNetworks, and records why', async () => {
    await maintainSubscriptions(new Map([['wire', { hubs: [hub.url], topic: TOPIC }]]), deps(config(false)));
    expect(hub.requests).toEqual([]);
    const websub = (await store.getSourceState('wire'))?.websub;
    expect(websub).toMatchObject({ hub: hub.url, topic: TOPIC, status: 'denied', attempts: 1, requestedAt: NOW.toISOString() });
    expect(websub?.reason).toBe(
      'request failed: fetch: 127.0.0.1 is at 127.0.0.1, a private or local address (fetch.allowPrivateNetworks is off and fetch.allowedNetworks does not name it)',
    );
  });

  it('records a hub that refuses the request as denied, with its status, and waits out the backoff', async () => {
    const refusing = fixtures.url('no-such-hub');
    await maintainSubscriptions(new Map([['wire', { hubs: [refusing], topic: TOPIC }]]), deps(config(true)));
    const websub = (await store.getSourceState('wire'))?.websub;
    expect(websub).toMatchObject({ hub: refusing, status: 'denied', reason: 'hub answered 404: not found' });
    const asked = fixtures.requests.length;
    await maintainSubscriptions(new Map([['wire', { hubs: [refusing], topic: TOPIC }]]), deps(config(true)));
    expect(fixtures.requests.length).toBe(asked);
  });

  it('sends the callback, topic, a 32-byte secret and the lease asked for, and files the request as pending', async () => {
    await maintainSubscriptions(new Map([['wire', { hubs: [hub.url], topic: TOPIC }]]), deps(config(true)));
    expect(hub.requests).toHaveLength(1);
    expect(hub.requests[0]).toMatchObject({ topic: TOPIC, callback: 'https://feeds.example.org/websub/wire', leaseSeconds: '864000' });
    const websub = (await store.getSourceState('wire'))?.websub;
    expect(websub).toMatchObject({ hub: hub.url, status: 'pending', secret: hub.requests[0]?.secret, attempts: 1 });
    expect(websub?.secret).toMatch(/^[0-9a-f]{64}$/);
  });
});
