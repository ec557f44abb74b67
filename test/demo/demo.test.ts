// The demo's parts on their own: the config it makes of the shipped one, and its feed server,
// which serves the listed sample files and nothing else of the disk.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { DEMO_FEEDS, demoConfig, startDemoFeedServer, type DemoFeedServer } from '../../src/demo/index.ts';

const FEEDS_DIR = fileURLToPath(new URL('../../demo/feeds/', import.meta.url));
const SHIPPED = fileURLToPath(new URL('../../config/feeds.yaml', import.meta.url));

describe('demoConfig', () => {
  it("keeps the shipped config's regions and replaces its sources with the samples, on loopback only", async () => {
    const shipped = await loadConfig(SHIPPED);
    const demo = demoConfig({ ...shipped, output: { ...shipped.output, publicUrl: 'https://feeds.example.org' } }, DEMO_FEEDS, 'http://127.0.0.1:4321');
    expect(demo.regions).toEqual(shipped.regions);
    expect(demo.sources.map((source) => source.url)).toEqual(DEMO_FEEDS.map((feed) => `http://127.0.0.1:4321/${feed.file}`));
    expect(demo.fetch).toMatchObject({ allowPrivateNetworks: false, allowedNetworks: ['127.0.0.1/32'], hostSpacingMs: 0 });
    expect(demo.output.publicUrl).toBeUndefined();
    expect(demo.output.retention.days).toBeGreaterThanOrEqual(3650);
    expect(demo.output.notice).toContain('npm start');
  });
});

describe('startDemoFeedServer', () => {
  let server: DemoFeedServer;
  beforeAll(async () => {
    server = await startDemoFeedServer(
      FEEDS_DIR,
      DEMO_FEEDS.map((feed) => feed.file),
    );
  });
  afterAll(() => server.close());

  it('serves every sample feed with a feed media type', async () => {
    for (const feed of DEMO_FEEDS) {
      const response = await fetch(`${server.baseUrl}/${feed.file}`);
      expect(response.status, feed.file).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/(rss\+xml|atom\+xml|xml)/);
      expect((await response.text()).length).toBeGreaterThan(500);
    }
  });

  it('answers 404 to any other path, a climb out of the folder included', async () => {
    for (const path of ['/', '/SOURCES.md', '/..%2FSOURCES.md', '/../package.json', '/nope.xml']) {
      expect((await fetch(`${server.baseUrl}${path}`)).status, path).toBe(404);
    }
  });
});
