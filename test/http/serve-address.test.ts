// Self links, OPML and the OpenAPI servers entry name the address `serve` really listens on.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { publicBaseUrl, startHttp } from '../../src/cli/serve.ts';
import type { Services } from '../../src/cli/services.ts';
import { createFetchAgent } from '../../src/fetch/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { testConfig } from './test-app.ts';

describe('publicBaseUrl', () => {
  it.each([
    ['http://localhost:8080', 9123, false, 'http://localhost:9123'],
    ['http://127.0.0.1:8080/wire/', 9123, false, 'http://127.0.0.1:9123/wire'],
    ['http://localhost', 80, false, 'http://localhost'],
    ['http://localhost:8080', 9123, true, 'http://localhost:8080'],
    ['https://feeds.example.org', 9123, false, 'https://feeds.example.org'],
    ['https://proxy.example.org/wire', 8080, true, 'https://proxy.example.org/wire'],
  ])('%s on port %i (BASE_URL set: %s) is %s', (configured, port, fixed, expected) => {
    expect(publicBaseUrl(configured, port, fixed)).toBe(expected);
  });
});

describe('startHttp', () => {
  it('links feeds at the port it listens on when the configured base URL is a loopback default', async () => {
    const store = SqliteStore.inMemory();
    const agent = createFetchAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 });
    const services: Services = {
      config: testConfig('http://localhost:8080'),
      store,
      classifier: { classify: () => ({ countries: [], regions: [], evidence: [] }) },
      logger: pino({ level: 'silent' }),
      agent,
      userAgent: 'wirefeed-test',
      now: () => new Date(),
      useRegions: () => undefined,
      close: async () => {
        await agent.close();
        await store.close();
      },
    };
    const { server, baseUrl } = await startHttp(services, { port: 0 });
    try {
      const port = (server.address() as { port: number }).port;
      expect(baseUrl).toBe(`http://localhost:${port}`);
      const opml = await (await fetch(`http://127.0.0.1:${port}/opml`)).text();
      expect(opml).toContain(`xmlUrl="http://localhost:${port}/feeds/world.rss"`);
      const feed = (await (await fetch(`http://127.0.0.1:${port}/feeds/russia.json`)).json()) as { feed_url: string };
      expect(feed.feed_url).toBe(`http://localhost:${port}/feeds/russia.json`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await services.close();
    }
  });
});
