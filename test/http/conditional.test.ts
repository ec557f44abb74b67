import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleStories } from '../render/sample-stories.ts';
import { fileCopyAt, SEEDED_AT, startTestApp, type TestApp } from './test-app.ts';

// The store stamps each feed's version with the time of the filing that changed it.
const SEEDED_HTTP = SEEDED_AT.toUTCString();
const BEFORE_SEEDED_HTTP = new Date(SEEDED_AT.getTime() - 1000).toUTCString();
const COPY_FILED = new Date(SEEDED_AT.getTime() + 3_600_000);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** A GET whose body is the bytes as sent (fetch would decode them). */
function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe.each(['/feeds/russia.rss', '/feeds/russia.atom', '/feeds/russia.json', '/api/regions/russia/stories', '/api/stories?country=RU'])(
  'conditional GET of %s',
  (path) => {
    it('sends a strong ETag, the feed version as Last-Modified, a poll-interval max-age, Vary and CORS', async () => {
      const response = await app.get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
      expect(response.headers.get('last-modified')).toBe(SEEDED_HTTP);
      expect(response.headers.get('cache-control')).toBe('public, max-age=600');
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await app.get(path).then((again) => again.headers.get('etag'))).toBe(response.headers.get('etag'));
    });

    it('answers 304 with no body and the same validators to a matching If-None-Match', async () => {
      const etag = (await rawGet(`${app.baseUrl}${path}`)).headers.etag ?? '';
      const response = await rawGet(`${app.baseUrl}${path}`, { 'If-None-Match': `"other", ${etag}` });
      expect(response.status).toBe(304);
      expect(response.body.length).toBe(0);
      expect(response.headers).toMatchObject({ etag, 'last-modified': SEEDED_HTTP, 'cache-control': 'public, max-age=600', vary: 'Accept-Encoding' });
      expect((await rawGet(`${app.baseUrl}${path}`, { 'If-None-Match': '"other"' })).status).toBe(200);
      expect((await rawGet(`${app.baseUrl}${path}`, { 'If-None-Match': `W/${etag}` })).status).toBe(304);
    });

    it('answers 304 to If-Modified-Since at or after Last-Modified, 200 before it', async () => {
      expect((await app.get(path, { 'If-Modified-Since': SEEDED_HTTP })).status).toBe(304);
      expect((await app.get(path, { 'If-Modified-Since': BEFORE_SEEDED_HTTP })).status).toBe(200);
    });

    it('answers HEAD with the headers of GET and no body', async () => {
      const get = await rawGet(`${app.baseUrl}${path}`);
      const head = await rawGet(`${app.baseUrl}${path}`, {}, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(head.headers['content-length']).toBe(String(get.body.length));
      expect(head.headers.etag).toBe(get.headers.etag);
    });
  },
);

describe('compression', () => {
  it.each([
    ['gzip', 'gzip', gunzipSync],
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['br;q=0.5, gzip;q=0.8', 'gzip', gunzipSync],
  ] as const)('Accept-Encoding: %s gets %s, the same body, its own ETag', async (accept, coding, decode) => {
    const url = `${app.baseUrl}/feeds/world.rss?limit=3`;
    const plain = await rawGet(url);
    const encoded = await rawGet(url, { 'Accept-Encoding': accept });
    expect(encoded.headers['content-encoding']).toBe(coding);
    expect(encoded.headers.vary).toBe('Accept-Encoding');
    expect(encoded.headers['content-length']).toBe(String(encoded.body.length));
    expect(encoded.body.length).toBeLessThan(plain.body.length);
    expect(decode(encoded.body).equals(plain.body)).toBe(true);
    expect(encoded.headers.etag).not.toBe(plain.headers.etag);
    const again = await rawGet(url, { 'Accept-Encoding': accept, 'If-None-Match': encoded.headers.etag ?? '' });
    expect(again.status).toBe(304);
  });

  it('sends the body as it is to a client that accepts no coding, or refuses them all', async () => {
    for (const accept of ['identity', 'gzip;q=0, br;q=0', '']) {
      const response = await rawGet(`${app.baseUrl}/feeds/world.rss`, { 'Accept-Encoding': accept });
      expect(response.headers['content-encoding']).toBeUndefined();
    }
  });
});

describe('a changed feed', () => {
  it('gets a new ETag and a later Last-Modified, so neither old validator matches', async () => {
    const before = await app.get('/feeds/asia-pacific.rss');
    const etag = before.headers.get('etag') ?? '';
    const lastModified = before.headers.get('last-modified') ?? '';
    expect(lastModified).toBe(SEEDED_HTTP);
    const [, japan] = sampleStories();
    if (!japan) throw new Error('no sample story');
    const copy = { itemId: 'abc-0099', sourceId: 'abc-au', link: 'https://www.abc.net.au/news/0099', published: '2025-05-04T01:00:00.000Z' };
    await fileCopyAt(app.store, japan.id, copy, COPY_FILED);
    const after = await app.get('/feeds/asia-pacific.rss', { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.headers.get('last-modified')).toBe(COPY_FILED.toUTCString());
    expect(await after.text()).toContain('<a href="https://www.abc.net.au/news/0099">ABC News (Australia)</a>');
    // The copy's own published date is older than the filing: a client holding only a date still sees the change.
    expect((await app.get('/feeds/asia-pacific.rss', { 'If-Modified-Since': lastModified })).status).toBe(200);
    // Russia's feed did not change, so its validators still hold.
    expect((await app.get('/feeds/russia.rss', { 'If-Modified-Since': SEEDED_HTTP })).status).toBe(304);
  });
});
