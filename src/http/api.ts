import { Router, type Request, type Response } from 'express';
import type { ConfigStatus } from '../config/index.ts';
import { NotFoundError } from '../domain/index.ts';
import type { StoryPage } from '../store/index.ts';
import { apiRegion, apiSource, apiStory, apiStoryDetail } from './api-shapes.ts';
import type { Rendered } from './cached-response.ts';
import { sendResponse } from './conditional.ts';
import { pageQueryString } from './listing-query.ts';
import type { ListingScope } from './list-page.ts';
import { listingCacheControl, listingLastModified, maxLimit, serveListing, type Listing, type ListingDeps } from './listing-route.ts';
import { openApiDocument } from './openapi.ts';
import { quoted } from './quote.ts';
import { PUBLIC_HEADERS } from './response-headers.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const STATIC = 'static';
const STATIC_CACHE_CONTROL = 'public, max-age=3600';

const ALL_LISTS = new Set(['region', 'country'] as const);
const REGION_LISTS = new Set(['country'] as const);
const COUNTRY_LISTS = new Set<never>();

/**
 * The JSON API: `/api/stories` (every filter), `/api/stories/:id`, `/api/regions` (and `/regions`),
 * `/api/regions/:region/stories`, `/api/countries/:cc/stories`, `/api/sources`, `/api/openapi.json`.
 */
export function apiRoutes(deps: ListingDeps, configStatus?: () => ConfigStatus): Router {
  const { store, catalog, cache } = deps;
  const router = Router();
  const sendStatic = async (req: Request, res: Response, key: string, value: () => unknown) => {
    const cached = await cache.get(key, STATIC, async () => json(value(), STATIC_CACHE_CONTROL, deps.startedAt));
    await sendResponse(req, res, cached);
  };
  const regions = () => ({ regions: catalog.regions.map((region) => apiRegion(region, catalog)) });
  router.get('/regions', (req, res) => sendStatic(req, res, 'regions', regions));
  router.get('/api/regions', (req, res) => sendStatic(req, res, 'api:regions', regions));
  router.get('/api/openapi.json', (req, res) => sendStatic(req, res, 'api:openapi', () => openApiDocument(catalog, maxLimit(deps.output))));
  // Each source's last poll as the worker recorded it: what a newsroom checks when a feed goes quiet.
  router.get('/api/sources', async (_req, res) => {
    const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
    const now = new Date();
    const sources = [...catalog.sources.values()].map((source) => apiSource(source, states.get(source.id), now));
    res.set({ ...PUBLIC_HEADERS, 'Cache-Control': 'no-cache' });
    res.type(JSON_TYPE).send(JSON.stringify({ sources, ...(configStatus ? { config: configStatus() } : {}) }));
  });
  router.get('/api/stories', (req, res) => serveListing(req, res, deps, listSpec(deps, '/api/stories', {}, ALL_LISTS, {})));
  router.get('/api/stories/:id', async (req, res) => {
    const { id } = req.params;
    const [all = 0] = await deps.versions([{ kind: 'all' }]);
    const cached = await cache.get(`api:story:${id}`, String(all), async () => {
      const story = await store.getStory(id);
      if (!story) throw new NotFoundError(`http: no story ${quoted(id)}`);
      return json({ story: apiStoryDetail(story, catalog.sources) }, 'public, max-age=60', all ? new Date(all) : undefined);
    });
    await sendResponse(req, res, cached);
  });
  router.get('/api/regions/:region/stories', async (req, res) => {
    const region = catalog.region(req.params.region);
    const path = `/api/regions/${region.id}/stories`;
    const head = { region: { id: region.id, title: region.title } };
    await serveListing(req, res, deps, listSpec(deps, path, { region: region.id }, REGION_LISTS, head));
  });
  router.get('/api/countries/:cc/stories', async (req, res) => {
    const country = catalog.country(req.params.cc);
    const path = `/api/countries/${country.code.toLowerCase()}/stories`;
    await serveListing(req, res, deps, listSpec(deps, path, { country: country.code }, COUNTRY_LISTS, { country }));
  });
  return router;
}

function listSpec(deps: ListingDeps, path: string, scope: ListingScope, lists: ReadonlySet<'region' | 'country'>, head: object) {
  return {
    key: `api:${path}`,
    scope,
    lists,
    render(page: StoryPage, listing: Listing): Rendered {
      const stories = page.stories.map((story) => apiStory(story, deps.catalog.sources));
      const nextUrl = page.next === undefined ? null : deps.catalog.url(`${path}?${pageQueryString(listing.query, page.next)}`);
      const body = { ...head, stories, next: page.next ?? null, nextUrl };
      return json(body, listingCacheControl(listing), listingLastModified(listing));
    },
  };
}

function json(value: unknown, cacheControl: string, lastModified: Date | undefined): Rendered {
  return { body: JSON.stringify(value), contentType: JSON_TYPE, cacheControl, ...(lastModified ? { lastModified } : {}) };
}
