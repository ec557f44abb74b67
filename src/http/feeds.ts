import { Router, type Response } from 'express';
import type { OutputConfig } from '../config/index.ts';
import { NotFoundError } from '../domain/index.ts';
import { renderAtom, renderJsonFeed, renderRss, type FeedView } from '../render/index.ts';
import type { Store } from '../store/index.ts';
import type { Catalog } from './catalog.ts';
import { FEED_CACHE_CONTROL, lastChanged, sendCached } from './conditional.ts';

const FORMATS = {
  rss: { contentType: 'application/rss+xml; charset=utf-8', render: renderRss },
  atom: { contentType: 'application/atom+xml; charset=utf-8', render: renderAtom },
  json: { contentType: 'application/feed+json; charset=utf-8', render: renderJsonFeed },
} as const;
type Format = keyof typeof FORMATS;

/** What a feed route needs. */
export interface FeedDeps {
  store: Store;
  catalog: Catalog;
  output: OutputConfig;
  /** Stands in as `updated` for a feed with no stories yet, so its body (and ETag) stays stable. */
  startedAt: Date;
}

/** `/feeds/:region.{rss,atom,json}` and `/feeds/country/:cc.{rss,atom,json}`. */
export function feedRoutes(deps: FeedDeps): Router {
  const { store, catalog, output } = deps;
  const router = Router();
  router.get('/feeds/country/:file', async (req, res) => {
    const [name, format] = splitFile(req.params.file);
    const country = catalog.country(name);
    const page = await store.listStories({ country: country.code, limit: output.itemsPerFeed });
    const key = `country/${country.code.toLowerCase()}`;
    const title = `${output.title}: ${country.name}`;
    const view = viewOf(deps, key, title, `Stories about ${country.name}`, page.stories);
    sendFeed(res, view, format);
  });
  router.get('/feeds/:file', async (req, res) => {
    const [name, format] = splitFile(req.params.file);
    const region = catalog.region(name);
    const page = await store.listStories({ region: region.id, limit: output.itemsPerFeed });
    const view = viewOf(deps, region.id, `${output.title}: ${region.title}`, region.description, page.stories);
    sendFeed(res, view, format);
  });
  return router;
}

function splitFile(file: string): [string, Format] {
  const dot = file.lastIndexOf('.');
  const format = dot > 0 ? file.slice(dot + 1) : '';
  if (!Object.hasOwn(FORMATS, format)) {
    throw new NotFoundError(`http: unknown feed format "${file}"; valid formats: .rss, .atom, .json`);
  }
  return [file.slice(0, dot), format as Format];
}

function viewOf(deps: FeedDeps, key: string, title: string, description: string, stories: FeedView['stories']): FeedView {
  return {
    id: key,
    title,
    description,
    selfUrls: deps.catalog.feedLinks(key),
    homeUrl: deps.catalog.url('/'),
    updated: lastChanged(stories) ?? deps.startedAt,
    stories,
    sources: deps.catalog.sources,
  };
}

function sendFeed(res: Response, view: FeedView, format: Format): void {
  const { contentType, render } = FORMATS[format];
  const lastModified = lastChanged(view.stories);
  sendCached(res, { body: render(view), contentType, lastModified, cacheControl: FEED_CACHE_CONTROL });
}
