// A store that fails (here: a closed embedded store, which throws StoreError on every read).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger, jsonOf, startTestApp, type ErrorBody, type TestApp } from './test-app.ts';

const { logger, lines: logLines } = capturingLogger();

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ logger });
  await app.store.close();
});
afterAll(() => app.close());

describe('when the store fails', () => {
  it('/healthz answers 503 with the reason', async () => {
    const response = await app.get('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'error', reason: 'store: the embedded store is closed' });
  });

  it.each(['/feeds/world.rss', '/api/countries/jp/stories', '/'])('%s is a 503 JSON error with Retry-After, logged', async (path) => {
    const response = await app.get(path);
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('retry-after')).toBe('10');
    expect(await jsonOf<ErrorBody>(response)).toEqual({
      error: 'store unavailable',
      message: 'store: the embedded store is closed',
    });
    const logged = logLines.find((line) => line.path === path && line.msg === 'request failed');
    expect(logged).toMatchObject({ level: 50, method: 'GET', status: 503 });
    expect((logged?.err as { type?: string } | undefined)?.type).toBe('StoreError');
  });
});
