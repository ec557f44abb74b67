import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger, jsonOf, startTestApp, type ErrorBody, type TestApp } from './test-app.ts';

const { logger, lines: logLines } = capturingLogger();

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ logger });
});
afterAll(() => app.close());

describe('GET /opml', () => {
  it('lists every region feed', async () => {
    const response = await app.get('/opml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    const opml = await response.text();
    const xmlUrls = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((match) => match[1]);
    expect(xmlUrls).toEqual([
      'http://feeds.example.test/feeds/world.rss',
      'http://feeds.example.test/feeds/russia.rss',
      'http://feeds.example.test/feeds/asia-pacific.rss',
    ]);
    expect(opml).toContain('text="wirefeed: Asia-Pacific"');
  });
});

describe('GET /', () => {
  it('is the HTML index with every region and its newest headlines', async () => {
    const response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const html = await response.text();
    expect([...html.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((match) => match[1])).toEqual([
      'World',
      'Russia',
      'Asia-Pacific',
    ]);
    expect(html).toContain('<a href="/feeds/asia-pacific.json" type="application/feed+json">JSON Feed</a>');
    expect(html).toContain('>Sydney ferries return to service</a>');
  });
});

describe('GET /healthz', () => {
  it('reports ok with the number of stories', async () => {
    const response = await app.get('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', stories: 3 });
  });
});

describe('anything else', () => {
  it('is a JSON 404 listing the routes', async () => {
    const response = await app.get('/feeds/world/extra');
    expect(response.status).toBe(404);
    expect((await jsonOf<ErrorBody>(response)).message).toMatch(/^http: no such page GET \/feeds\/world\/extra; try \/, \/regions/);
  });

  it('is a 400 for a malformed path escape', async () => {
    expect((await app.get('/feeds/%E0%A4%A.rss')).status).toBe(400);
  });
});

describe('request logging', () => {
  it('logs method, path, status and durationMs per request', async () => {
    await app.get('/feeds/mars.rss');
    const line = logLines.find((entry) => entry.path === '/feeds/mars.rss' && entry.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', status: 404 });
    expect(typeof line?.durationMs).toBe('number');
  });
});
