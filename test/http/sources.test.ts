// /api/sources as a newsroom reads it: each source's standing, next poll, moves, retirements and
// WebSub subscription (never its secret), and the config file in force.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startTestApp, type TestApp } from './test-app.ts';
import { hoursAgo, seedSourceStates } from './source-states.ts';

interface SourcesBody {
  sources: Array<Record<string, unknown> & { id: string }>;
  config?: unknown;
}

const CONFIG_STATUS = { file: 'feeds.yaml', loadedAt: '2026-02-07T12:00:00.000Z' };

let app: TestApp;
let body: SourcesBody;
let text: string;
beforeAll(async () => {
  app = await startTestApp({ configStatus: () => CONFIG_STATUS });
  await seedSourceStates(app.store);
  text = await (await app.get('/api/sources')).text();
  body = JSON.parse(text) as SourcesBody;
});
afterAll(() => app.close());

const source = (id: string) => body.sources.find((entry) => entry.id === id);

describe('GET /api/sources', () => {
  it('shows a source gone after a move as retired, with where it had moved', () => {
    expect(source('tass')).toMatchObject({
      status: 'retired',
      lastStatus: 410,
      movedTo: 'https://feeds.tass.example/v2.xml',
      retired: { url: 'https://feeds.tass.example/v2.xml', status: 410 },
      itemsLast24h: 1,
    });
  });

  it('shows a redirect being counted, the validators present and the subscription without its secret', () => {
    expect(source('nhk')).toMatchObject({
      status: 'redirect-pending',
      redirect: { to: 'https://nhk.example/rss.xml', polls: 2 },
      validators: { etag: false, lastModified: true },
      itemsLast24h: 3,
      websub: { hub: 'https://hub.example/', status: 'active', leaseUntil: null },
    });
    expect(text).not.toContain('never-served');
  });

  it('shows a source its host asked to wait as backing off, with the hold', () => {
    expect(source('abc-au')).toMatchObject({ status: 'backing-off', consecutiveFailures: 1, lastStatus: 429 });
    expect(Date.parse(String(source('abc-au')?.hostRetryAfterUntil))).toBeGreaterThan(Date.parse(hoursAgo(0)));
  });

  it('includes the config file in force', () => {
    expect(body.config).toEqual(CONFIG_STATUS);
  });

  it('leaves the config out when the app was not told it', async () => {
    const bare = await startTestApp();
    try {
      const plain = await jsonOf<SourcesBody>(await bare.get('/api/sources'));
      expect(plain).not.toHaveProperty('config');
      expect(plain.sources.map((entry) => entry.status)).toEqual(['never-polled', 'never-polled', 'never-polled']);
    } finally {
      await bare.close();
    }
  });
});
