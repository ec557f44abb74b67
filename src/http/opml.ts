import { Router } from 'express';
import type { OutputConfig } from '../config/index.ts';
import { renderOpml } from '../render/index.ts';
import type { Catalog } from './catalog.ts';
import { FEED_CACHE_CONTROL, sendCached } from './conditional.ts';

/** `/opml`: every region's RSS feed, for a reader to import at once. */
export function opmlRoutes(catalog: Catalog, output: OutputConfig, startedAt: Date): Router {
  const router = Router();
  router.get('/opml', (_req, res) => {
    const feeds = catalog.regions.map((region) => ({
      title: `${output.title}: ${region.title}`,
      description: region.description,
      xmlUrl: catalog.feedLinks(region.id).rss,
      htmlUrl: catalog.url('/'),
    }));
    // The list changes only with the config, so the start time dates it and keeps its ETag stable.
    const body = renderOpml(feeds, { title: `${output.title} feeds`, dateCreated: startedAt });
    sendCached(res, {
      body,
      contentType: 'text/x-opml; charset=utf-8',
      lastModified: startedAt,
      cacheControl: FEED_CACHE_CONTROL,
    });
  });
  return router;
}
