// `/` before any source has answered: instead of empty regions, which sources failed, why, and what
// to check, as the log says it; and the usual page once a source answers.
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_SOURCES } from '../render/sample-stories.ts';
import { seedState } from '../support/seed-store.ts';
import { startTestApp, type TestApp } from './test-app.ts';

let app: TestApp | undefined;
afterEach(() => app?.close());

const POLLED = '2026-02-07T12:00:00.000Z';
const ERRORS: Record<string, string> = {
  tass: 'fetch: getaddrinfo ENOTFOUND tass.com from tass.com',
  nhk: 'fetch: connect ECONNREFUSED 10.0.0.7:443 from www3.nhk.or.jp',
};

async function failEvery(app: TestApp, except: string[] = []): Promise<void> {
  for (const { id } of SAMPLE_SOURCES.filter((source) => !except.includes(source.id))) {
    await seedState(app.store, {
      sourceId: id,
      lastFetchedAt: POLLED,
      lastError: ERRORS[id] ?? 'fetch: 503 from example.org',
      consecutiveFailures: 1,
      itemsSeen: 0,
    });
  }
}

describe('the home page of a service no source has answered', () => {
  it('says "No stories yet." in each region while sources are still being polled', async () => {
    app = await startTestApp({ stories: [] });
    await failEvery(app, ['abc-au']);
    const html = await (await app.get('/')).text();
    expect(html).toContain('<p class="empty">No stories yet.</p>');
    expect(html).not.toContain('No source has answered yet');
  });

  it('names each source, its failure and what to check once every source was polled and none answered', async () => {
    app = await startTestApp({ stories: [] });
    expect(await (await app.get('/')).text()).toContain('No stories yet.');
    await failEvery(app);
    // The page cached a moment ago shows no stories either: the sources' standing is part of its version.
    const html = await (await app.get('/')).text();
    expect(html).toContain('<h2 id="first-run">No source has answered yet</h2>');
    expect(html).not.toContain('No stories yet.');
    expect(html).toContain('<li><strong>TASS</strong> (tass): DNS: <code>fetch: getaddrinfo ENOTFOUND tass.com from tass.com</code></li>');
    expect(html).toContain('(nhk): refused: <code>fetch: connect ECONNREFUSED 10.0.0.7:443 from www3.nhk.or.jp</code>');
    expect(html).toContain('(abc-au): HTTP 503:');
    expect(html).toContain('<li>this machine cannot resolve or reach the feeds&apos; hosts: check its network and DNS;');
    expect(html).toContain('<li>the servers answered with HTTP errors: check each source&apos;s url in the config</li>');
  });

  it('shows the regions again as soon as a source has answered', async () => {
    app = await startTestApp({ stories: [] });
    await failEvery(app);
    expect(await (await app.get('/')).text()).toContain('No source has answered yet');
    await seedState(app.store, { sourceId: 'nhk', lastFetchedAt: POLLED, lastSuccessAt: POLLED, consecutiveFailures: 0, itemsSeen: 0 });
    const html = await (await app.get('/')).text();
    expect(html).not.toContain('No source has answered yet');
    expect(html).toContain('<p class="empty">No stories yet.</p>');
  });
});
