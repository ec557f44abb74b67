// What the served responses tell browsers (content policy, no sniffing, referrers, framing), the
// limits on a request's URL, and that nothing served changes state: over real sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startTestApp, type ErrorBody, type TestApp } from './test-app.ts';

// As the README promises them.
const MAX_URL_LENGTH = 4096;
const MAX_QUERY_PARAMETERS = 32;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const PAGES = ['/', '/regions/world', '/regions/russia', '/countries/jp'];

// Every kind of response the app writes: cached ones, 304s, the JSON the routes write themselves, errors.
const OTHERS: [string, Record<string, string>?][] = [
  ['/feeds/world.rss'],
  ['/feeds/world.atom'],
  ['/feeds/russia.json?limit=1'],
  ['/feeds/country/jp.json'],
  ['/opml'],
  ['/regions'],
  ['/api/regions'],
  ['/api/stories?q=typhoon'],
  ['/api/stories/tass-0001'],
  ['/api/sources'],
  ['/api/openapi.json'],
  ['/healthz'],
  ['/icon.png'],
  ['/favicon.svg'],
  ['/favicon.ico'],
  ['/feeds/mars.rss'],
  ['/feeds/world.rss?limit=0'],
  ['/no/such/page'],
  ['/regions/world?cursor='],
  ['/feeds/%E0%A4%A.rss'],
];

function expectSafe(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
}

describe('the HTML pages', () => {
  it.each(PAGES)('%s has a policy allowing no script, is never framed, and is not sniffed', async (path) => {
    const response = await app.get(path);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      expect.stringMatching(/^style-src 'sha256-[A-Za-z0-9+/]+=*'$/),
      "img-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expectSafe(response);
    // No inline script, handler or javascript: URL for a policy to have to allow.
    const html = await response.text();
    expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
  });

  it('keeps its policy on a 304 and on HEAD', async () => {
    const first = await app.get('/regions/russia');
    for (const response of [
      await app.get('/regions/russia', { 'If-None-Match': first.headers.get('etag') ?? '' }),
      await app.request('/regions/russia', { method: 'HEAD' }),
    ]) {
      expect(response.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expectSafe(response);
    }
  });

  it('lets any site frame the embed, whose one script and stylesheet are hashed and which fetches only itself', async () => {
    const response = await app.get('/embed/asia-pacific');
    expect(response.status).toBe(200);
    const directives = (response.headers.get('content-security-policy') ?? '').split('; ');
    expect(directives).toEqual([
      "default-src 'none'",
      expect.stringMatching(/^style-src 'sha256-[A-Za-z0-9+/]+=*'$/),
      expect.stringMatching(/^script-src 'sha256-[A-Za-z0-9+/]+=*'$/),
      "connect-src 'self'",
      "img-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expectSafe(response);
    const html = await response.text();
    expect([...html.matchAll(/<script>/g)]).toHaveLength(1);
    expect(html).not.toMatch(/\son[a-z]+=|javascript:/i);
  });
});

describe('every other response', () => {
  it.each(OTHERS)('%s is not sniffed and names only our origin to others', async (path, headers) => {
    const response = await app.get(path, headers);
    expectSafe(response);
    expect(response.headers.get('content-type')).toBeTruthy();
  });

  it('keeps them on a 304, a CORS preflight and a 405', async () => {
    const feed = await app.get('/feeds/world.json');
    expectSafe(await app.get('/feeds/world.json', { 'If-None-Match': feed.headers.get('etag') ?? '' }));
    expectSafe(
      await app.request('/feeds/world.json', { method: 'OPTIONS', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' } }),
    );
    expectSafe(await app.request('/feeds/world.json', { method: 'POST', body: 'x' }));
  });
});

describe('request limits, before any route', () => {
  const padded = (path: string, length: number) => `${path}${path.includes('?') ? '&' : '?'}pad=${'a'.repeat(length - path.length - 5)}`;
  const withParameters = (path: string, count: number) => `${path}?${Array.from({ length: count }, (_, n) => `utm_${n}=x`).join('&')}`;

  it(`takes a URL of ${MAX_URL_LENGTH} characters and refuses a longer one with 414`, async () => {
    const longest = padded('/feeds/world.rss', MAX_URL_LENGTH);
    expect(longest).toHaveLength(MAX_URL_LENGTH);
    expect((await app.get(longest)).status).toBe(200);
    for (const path of [padded('/feeds/world.rss', MAX_URL_LENGTH + 1), padded('/no/such/page', 10_000), padded('/websub/tass', 5000)]) {
      const response = await app.get(path);
      expect(response.status).toBe(414);
      expectSafe(response);
      expect(await jsonOf<ErrorBody>(response)).toEqual({
        error: 'uri too long',
        message: `http: the URL is ${path.length} characters long; wirefeed takes at most ${MAX_URL_LENGTH}`,
      });
    }
    // Before the method is looked at too.
    expect((await app.request(padded('/feeds/world.rss', 5000), { method: 'POST', body: 'x' })).status).toBe(414);
  });

  it('leaves a request line past 16 KiB to Node, which refuses it with 431', async () => {
    expect((await app.get(padded('/feeds/world.rss', 20_000))).status).toBe(431);
  });

  it(`takes ${MAX_QUERY_PARAMETERS} query parameters and refuses more with 400`, async () => {
    expect((await app.get(withParameters('/feeds/world.rss', MAX_QUERY_PARAMETERS))).status).toBe(200);
    // Empty pieces are no parameters.
    expect((await app.get(`${withParameters('/api/stories', MAX_QUERY_PARAMETERS)}&&&`)).status).toBe(200);
    for (const path of ['/feeds/world.rss', '/api/stories', '/no/such/page']) {
      const response = await app.get(withParameters(path, MAX_QUERY_PARAMETERS + 1));
      expect(response.status).toBe(400);
      expectSafe(response);
      expect(await jsonOf<ErrorBody>(response)).toEqual({
        error: 'bad request',
        message: `http: bad query: ${MAX_QUERY_PARAMETERS + 1} parameters; wirefeed takes at most ${MAX_QUERY_PARAMETERS}`,
      });
    }
    // Repeating one parameter counts each time.
    const repeated = `/feeds/world.rss?${Array.from({ length: MAX_QUERY_PARAMETERS + 1 }, () => 'country=ru').join('&')}`;
    expect((await app.get(repeated)).status).toBe(400);
  });

  it('refuses a long URL the fast path would otherwise answer from the render cache', async () => {
    const path = withParameters('/feeds/russia.rss', MAX_QUERY_PARAMETERS + 1);
    expect((await app.get(path)).status).toBe(400);
    expect((await app.get(path)).status).toBe(400);
  });
});

describe('nothing served changes state', () => {
  const ROUTES = [
    '/',
    '/regions/world',
    '/countries/jp',
    '/embed/world',
    '/feeds/world.rss',
    '/feeds/country/jp.atom',
    '/opml',
    '/regions',
    '/api/stories',
    '/api/stories/tass-0001',
    '/api/regions/russia/stories',
    '/api/countries/jp/stories',
    '/api/sources',
    '/api/openapi.json',
    '/healthz',
    '/icon.png',
    '/websub/tass',
  ];

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s to any route is a 405 with Allow: GET, HEAD, and the store is as it was', async (method) => {
    const before = await (await app.get('/api/stories?limit=50')).text();
    for (const path of ROUTES) {
      const response = await app.request(path, { method, ...(method === 'DELETE' ? {} : { body: '{}' }) });
      expect([path, response.status, response.headers.get('allow')]).toEqual([path, 405, 'GET, HEAD']);
    }
    expect(await (await app.get('/api/stories?limit=50')).text()).toBe(before);
  });
});
