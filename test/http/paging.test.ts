import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Story } from '../../src/domain/index.ts';
import { idsWhere, listingStories } from './listing-stories.ts';
import { fileStoriesAt, jsonOf, SEEDED_AT, startTestApp, type ErrorBody, type TestApp } from './test-app.ts';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp({ stories: listingStories() });
});
afterEach(() => app.close());

const [template] = listingStories();

// A story newer than every seeded one, as the worker files while a client walks the pages.
function breaking(n: number, countries: string[]): Story {
  if (!template) throw new Error('no template story');
  const id = `late-${n}`;
  const published = new Date(Date.parse('2025-06-11T00:00:00.000Z') + n * 60_000).toISOString();
  return {
    ...template,
    id,
    countries,
    item: { ...template.item, id, url: `https://example.test/late/${n}`, link: `https://example.test/late/${n}`, published },
  };
}

const relative = (url: string) => url.slice('http://feeds.example.test'.length);

async function walkJsonFeed(first: string, during: (page: number) => Promise<void>): Promise<string[]> {
  const ids: string[] = [];
  let path: string | undefined = first;
  for (let page = 0; path !== undefined; page++) {
    const response = await app.get(path);
    expect(response.status, path).toBe(200);
    const feed = await jsonOf<{ items: { id: string }[]; next_url?: string }>(response);
    ids.push(...feed.items.map((item) => item.id));
    await during(page);
    path = feed.next_url === undefined ? undefined : relative(feed.next_url);
  }
  return ids;
}

describe('paged feeds', () => {
  it('walks a JSON Feed by next_url with no gap and no repeat while new stories arrive', async () => {
    const during = (page: number) => fileStoriesAt(app.store, [breaking(page, ['RU'])], new Date(SEEDED_AT.getTime() + (page + 1) * 1000));
    expect(await walkJsonFeed('/feeds/world.json?limit=2', during)).toEqual(idsWhere(() => true));
  });

  it('walks a filter over several countries (one store query each, merged) the same way', async () => {
    const during = (page: number) => fileStoriesAt(app.store, [breaking(page, ['JP'])], new Date(SEEDED_AT.getTime() + (page + 1) * 1000));
    expect(await walkJsonFeed('/feeds/world.json?country=RU,JP,KR&limit=1', during)).toEqual(
      idsWhere((s) => s.countries.some((c) => ['RU', 'JP', 'KR'].includes(c))),
    );
  });

  it('links the next page in RSS and Atom (RFC 5005), keeping the filters and the limit', async () => {
    const rss = await (await app.get('/feeds/world.rss?lang=en&limit=1')).text();
    const next = /<atom:link rel="next" type="application\/rss\+xml" href="([^"]+)"\/>/.exec(rss)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^http:\/\/feeds\.example\.test\/feeds\/world\.rss\?lang=en&limit=1&cursor=[\w-]+$/);
    const second = await (await app.get(relative(next ?? ''))).text();
    expect(second).toContain('<guid isPermaLink="false">abc-s4</guid>');
    const atom = await (await app.get('/feeds/world.atom')).text();
    expect(atom).toMatch(/<link rel="next" type="application\/atom\+xml" href="http:\/\/feeds\.example\.test\/feeds\/world\.atom\?cursor=[\w-]+"\/>/);
    const last = await (await app.get('/feeds/world.atom?limit=100')).text();
    expect(last).not.toContain('rel="next"');
  });

  it('refuses a cursor it did not issue with 400', async () => {
    for (const path of ['/feeds/world.rss?cursor=bm9wZQ', '/feeds/world.rss?country=RU,JP&cursor=bm9wZQ', '/api/stories?cursor=W251bGxd']) {
      const response = await app.get(path);
      expect(response.status, path).toBe(400);
      expect((await jsonOf<ErrorBody>(response)).message).toMatch(/cursor/);
    }
  });
});

describe('paged API listings', () => {
  it('walks /api/stories by nextUrl with no gap and no repeat', async () => {
    const ids: string[] = [];
    let path: string | null = '/api/stories?source=tass,abc-au&limit=2';
    for (let page = 0; path !== null; page++) {
      const body: { stories: { id: string }[]; nextUrl: string | null } = await jsonOf(await app.get(path));
      ids.push(...body.stories.map((story) => story.id));
      await fileStoriesAt(app.store, [breaking(page, ['CN'])], new Date(SEEDED_AT.getTime() + (page + 1) * 1000));
      path = body.nextUrl === null ? null : relative(body.nextUrl);
    }
    expect(ids).toEqual(idsWhere((s) => ['tass', 'abc-au'].includes(s.item.sourceId) || s.copies.some((c) => c.sourceId === 'abc-au')));
  });
});
