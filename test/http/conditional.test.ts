import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleStories } from '../render/sample-stories.ts';
import { startTestApp, type TestApp } from './test-app.ts';
import { seedCopy } from '../support/seed-store.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

// The newest change among russia's stories is the Kremlin story's first-seen time.
const RUSSIA_LAST_MODIFIED = 'Sat, 03 May 2025 09:05:00 GMT';

describe.each(['/feeds/russia.rss', '/feeds/russia.atom', '/feeds/russia.json', '/api/regions/russia/stories'])(
  'conditional GET of %s',
  (path) => {
    it('sends a strong ETag and the newest story time as Last-Modified', async () => {
      const response = await app.get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
      expect(response.headers.get('last-modified')).toBe(RUSSIA_LAST_MODIFIED);
      expect(await app.get(path).then((again) => again.headers.get('etag'))).toBe(response.headers.get('etag'));
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const etag = (await app.get(path)).headers.get('etag') ?? '';
      const response = await app.get(path, { 'If-None-Match': etag });
      expect(response.status).toBe(304);
      expect(await response.text()).toBe('');
      expect((await app.get(path, { 'If-None-Match': '"other"' })).status).toBe(200);
    });

    it('answers 304 to If-Modified-Since at or after Last-Modified, 200 before it', async () => {
      expect((await app.get(path, { 'If-Modified-Since': RUSSIA_LAST_MODIFIED })).status).toBe(304);
      expect((await app.get(path, { 'If-Modified-Since': 'Sat, 03 May 2025 09:04:59 GMT' })).status).toBe(200);
    });
  },
);

describe('a changed feed', () => {
  it('gets a new ETag and Last-Modified, so old validators no longer match', async () => {
    const before = await app.get('/feeds/asia-pacific.rss');
    const etag = before.headers.get('etag') ?? '';
    const [, japan] = sampleStories();
    if (!japan) throw new Error('no sample story');
    await seedCopy(
      app.store,
      japan.id,
      { itemId: 'abc-0099', sourceId: 'abc-au', link: 'https://www.abc.net.au/news/0099', published: '2025-05-04T01:00:00.000Z' },
      ['url:https://www.abc.net.au/news/0099'],
    );
    const after = await app.get('/feeds/asia-pacific.rss', { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.headers.get('last-modified')).toBe('Sun, 04 May 2025 01:00:00 GMT');
    expect(await after.text()).toContain('<a href="https://www.abc.net.au/news/0099">ABC News (Australia)</a>');
  });
});
