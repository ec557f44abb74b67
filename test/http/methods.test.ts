import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startTestApp, type ErrorBody, type TestApp } from './test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('methods', () => {
  it.each([
    ['POST', '/feeds/world.rss'],
    ['PUT', '/api/stories'],
    ['DELETE', '/api/stories/tass-0001'],
    ['PATCH', '/no/such/page'],
  ])('%s %s is a 405 with Allow: GET, HEAD', async (method, path) => {
    const response = await app.request(path, { method, body: method === 'DELETE' ? undefined : 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await jsonOf<ErrorBody>(response)).toEqual({
      error: 'method not allowed',
      message: `http: method "${method}" is not allowed; wirefeed answers GET and HEAD`,
    });
  });

  it('answers a CORS preflight for a conditional GET from another origin', async () => {
    const response = await app.request('/feeds/world.json', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    expect(response.headers.get('access-control-allow-headers')).toBe('*');
  });

  it.each(['/feeds/world.rss', '/api/stories', '/api/sources', '/regions', '/feeds/mars.rss', '/healthz', '/opml', '/icon.png', '/feeds/world.rss?limit=0'])(
    '%s may be read from any origin, its validators and links too',
    async (path) => {
      const response = await app.get(path, { Origin: 'https://app.example' });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')).toBe('ETag, Link');
    },
  );
});

describe('a 404', () => {
  it('quotes no more than a short, escaped piece of the path', async () => {
    const path = `/x/%3Cscript%3Ealert(1)%3C%2Fscript%3E${'a'.repeat(500)}`;
    const { message } = await jsonOf<ErrorBody>(await app.get(path));
    expect(message).toMatch(/^http: no such page GET \/x\/%3Cscript%3Ealert%281%29%3C\/script%3E…; try \//);
    expect(message).not.toContain('<');
    expect(message.length).toBeLessThan(300);
  });

  it.each([
    [`/feeds/${'%3Cb%3E'.repeat(40)}.rss`, /^http: unknown region "(%3Cb%3E){5}%3Cb…"; valid regions/],
    ['/feeds/country/%22%3E.json', /^http: unknown country "%22%3E"/],
    ['/feeds/world.%3Cx%3E', /^http: unknown feed format "world.%3Cx%3E"/],
    ['/api/stories/%3Cnope%3E', /^http: no story "%3Cnope%3E"$/],
  ])('%s names what was asked for escaped', async (path, message) => {
    const response = await app.get(path);
    expect(response.status).toBe(404);
    expect((await jsonOf<ErrorBody>(response)).message).toMatch(message);
  });
});
