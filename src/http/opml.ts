import { Router } from 'express';
import type { OutputConfig } from '../config/index.ts';
import { renderOpml } from '../render/index.ts';
import type { Catalog } from './catalog.ts';
import { sendResponse } from './conditional.ts';
import type { RenderCache } from './render-cache.ts';

/** `/opml`: every region's RSS feed, for a reader to import at once. */
export function opmlRoutes(catalog: Catalog, output: OutputConfig, cache: RenderCache, startedAt: Date): Router {
  const router = Router();
  router.get('/opml', async (req, res) => {
    // The list changes only with the config: rendered once, dated by the start time.
    const cached = await cache.get('opml', 'static', async () => {
      const feeds = catalog.regions.map((region) => ({
        title: `${output.title}: ${region.title}`,
        description: region.description,
        xmlUrl: catalog.feedLinks(region.id).rss,
        htmlUrl: catalog.url('/'),
      }));
      const body = renderOpml(feeds, { title: `${output.title} feeds`, dateCreated: startedAt });
      return { body, contentType: 'text/x-opml; charset=utf-8', lastModified: startedAt, cacheControl: 'public, max-age=3600' };
    });
    await sendResponse(req, res, cached);
  });
  return router;
}
