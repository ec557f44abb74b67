// GET /metrics of the real app over a socket: requests counted by route pattern and status (never the
// URL), render-cache hits and misses, store operations and their failures, process metrics.
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import { labelValues, scrape, valueOf } from '../support/metrics-text.ts';
import { startTestApp, type TestApp } from './test-app.ts';

let app: TestApp | undefined;
afterEach(() => app?.close());

async function meteredApp(): Promise<TestApp> {
  const metrics = createMetrics();
  app = await startTestApp({ metrics, store: metrics.observeStore(SqliteStore.inMemory()) });
  return app;
}

describe('GET /metrics', () => {
  it('is the Prometheus text format, never cached, with the process metrics of Node', async () => {
    const app = await meteredApp();
    const response = await app.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toMatch(/^# TYPE wirefeed_http_requests_total counter$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('counts requests by route pattern, method and status, with their latency, and never names a URL or story id', async () => {
    const app = await meteredApp();
    for (const path of ['/feeds/world.rss', '/feeds/world.rss', '/feeds/russia.json?limit=1', '/api/stories/tass-0001', '/api/stories/nope', '/no/such/page'])
      await app.get(path);
    await app.request('/feeds/world.rss', { method: 'DELETE' });
    const samples = await scrape(app.baseUrl);
    const requests = (route: string, status: string, method = 'GET') => valueOf(samples, 'wirefeed_http_requests_total', { route, method, status });
    // The repeat of /feeds/world.rss is the fast path's, counted under the route that first answered it.
    expect(requests('/feeds/:file', '200')).toBe(3);
    expect(requests('/api/stories/:id', '200')).toBe(1);
    expect(requests('/api/stories/:id', '404')).toBe(1);
    expect(requests('unmatched', '404')).toBe(1);
    expect(requests('unmatched', '405', 'other')).toBe(1);
    expect(valueOf(samples, 'wirefeed_http_request_duration_seconds_count', { route: '/feeds/:file' })).toBe(3);
    expect(labelValues(samples, 'wirefeed_http_requests_total', 'route')).toEqual(['/api/stories/:id', '/feeds/:file', 'unmatched']);
    expect(labelValues(samples, 'wirefeed_http_requests_total', 'method')).toEqual(['GET', 'other']);
  });

  it('counts render-cache hits and misses', async () => {
    const app = await meteredApp();
    for (const path of ['/feeds/world.rss', '/feeds/world.rss', '/feeds/world.rss?limit=1', '/feeds/world.atom', '/feeds/world.atom']) await app.get(path);
    const samples = await scrape(app.baseUrl);
    expect(valueOf(samples, 'wirefeed_render_cache_lookups_total', { result: 'miss' })).toBe(3);
    expect(valueOf(samples, 'wirefeed_render_cache_lookups_total', { result: 'hit' })).toBe(2);
  });

  it('times every store operation by name, and counts those that failed', async () => {
    const app = await meteredApp();
    await app.get('/feeds/world.rss');
    let samples = await scrape(app.baseUrl);
    expect(valueOf(samples, 'wirefeed_store_operation_duration_seconds_count', { operation: 'feedVersions' })).toBe(1);
    expect(valueOf(samples, 'wirefeed_store_operation_duration_seconds_count', { operation: 'listStories' })).toBe(1);
    expect(valueOf(samples, 'wirefeed_store_errors_total')).toBe(0);
    await app.store.close();
    expect((await app.get('/feeds/russia.rss')).status).toBe(503);
    samples = await scrape(app.baseUrl);
    expect(valueOf(samples, 'wirefeed_store_errors_total', { operation: 'feedVersions' })).toBe(1);
    expect(valueOf(samples, 'wirefeed_http_requests_total', { route: '/feeds/:file', status: '503' })).toBe(1);
  });

  it('is not served by an app given no metrics', async () => {
    app = await startTestApp();
    expect((await app.get('/metrics')).status).toBe(404);
  });
});
