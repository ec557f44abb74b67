import { Router, type Response } from 'express';
import { z } from 'zod';
import type { OutputConfig } from '../config/index.ts';
import type { SourceState, Story } from '../domain/index.ts';
import type { SourceRef } from '../render/index.ts';
import type { Store, StoryPage } from '../store/index.ts';
import type { Catalog } from './catalog.ts';
import { lastChanged, sendCached } from './conditional.ts';

const API_CACHE_CONTROL = 'public, max-age=60';
const JSON_TYPE = 'application/json; charset=utf-8';

/** What the JSON API needs. */
export interface ApiDeps {
  store: Store;
  catalog: Catalog;
  output: OutputConfig;
}

/** `/regions`, `/api/sources`, `/api/regions/:region/stories` and `/api/countries/:cc/stories`. */
export function apiRoutes({ store, catalog, output }: ApiDeps): Router {
  const router = Router();
  const pageQuery = z.object({
    limit: z.coerce.number().int().min(1).max(Math.max(100, output.itemsPerFeed)).default(output.itemsPerFeed),
    cursor: z.string().min(1).optional(),
  });
  router.get('/regions', (_req, res) => {
    const regions = catalog.regions.map((region) => ({
      id: region.id,
      title: region.title,
      description: region.description,
      everything: region.everything,
      countries: [...region.countries].sort(),
      feeds: catalog.feedLinks(region.id),
    }));
    sendJson(res, { regions }, undefined);
  });
  // Each source's last poll as the worker recorded it: what a newsroom checks when a feed goes quiet.
  router.get('/api/sources', async (_req, res) => {
    const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
    const sources = [...catalog.sources.values()].map((source) => apiSource(source, states.get(source.id)));
    res.set('cache-control', 'no-cache');
    res.type(JSON_TYPE).send(JSON.stringify({ sources }));
  });
  router.get('/api/regions/:region/stories', async (req, res) => {
    const region = catalog.region(req.params.region);
    const query = pageQuery.safeParse(req.query);
    if (!query.success) return badQuery(res, query.error);
    const page = await store.listStories({ region: region.id, ...query.data });
    const path = `/api/regions/${encodeURIComponent(region.id)}/stories`;
    sendPage(res, { region: { id: region.id, title: region.title } }, page, nextUrl(catalog, path, query.data.limit, page));
  });
  router.get('/api/countries/:cc/stories', async (req, res) => {
    const country = catalog.country(req.params.cc);
    const query = pageQuery.safeParse(req.query);
    if (!query.success) return badQuery(res, query.error);
    const page = await store.listStories({ country: country.code, ...query.data });
    const path = `/api/countries/${country.code.toLowerCase()}/stories`;
    sendPage(res, { country }, page, nextUrl(catalog, path, query.data.limit, page));
  });

  function sendPage(res: Response, head: object, page: StoryPage, next: string | undefined): void {
    const stories = page.stories.map((story) => apiStory(story, catalog.sources));
    sendJson(res, { ...head, stories, next: page.next ?? null, nextUrl: next ?? null }, lastChanged(page.stories));
  }
  return router;
}

function sendJson(res: Response, value: unknown, lastModified: Date | undefined): void {
  const body = JSON.stringify(value);
  sendCached(res, { body, contentType: JSON_TYPE, lastModified, cacheControl: API_CACHE_CONTROL });
}

// A bad query is the client's mistake, not an error of ours: answered here rather than thrown.
function badQuery(res: Response, error: z.ZodError): void {
  res.status(400).json({ error: 'bad request', message: `http: bad query: ${z.prettifyError(error)}` });
}

function nextUrl(catalog: Catalog, path: string, limit: number, page: StoryPage): string | undefined {
  if (page.next === undefined) return undefined;
  return catalog.url(`${path}?${new URLSearchParams({ limit: String(limit), cursor: page.next })}`);
}

/** A story as the API shows it: what it says and where it belongs, without classification evidence. */
function apiStory(story: Story, sources: ReadonlyMap<string, SourceRef>) {
  const { item } = story;
  const source = (id: string) => ({ id, title: sources.get(id)?.title ?? id });
  return {
    id: story.id,
    title: item.title,
    url: item.link,
    summary: item.summary,
    published: item.published,
    firstSeen: story.firstSeen,
    author: item.author ?? null,
    image: item.image ?? null,
    language: item.language ?? null,
    source: source(item.sourceId),
    countries: story.countries,
    regions: story.regions,
    copies: story.copies.map((copy) => ({ source: source(copy.sourceId), url: copy.link, published: copy.published })),
  };
}

/** A source and its last poll; never polled yet reads as nulls and zeros. Validators (ETag) stay private. */
function apiSource(source: SourceRef, state: SourceState | undefined) {
  return {
    id: source.id,
    title: source.title,
    url: source.url,
    lastFetchedAt: state?.lastFetchedAt ?? null,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    lastError: state?.lastError ?? null,
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    warnings: state?.warnings ?? [],
    itemsSeen: state?.itemsSeen ?? 0,
  };
}
