import { Router } from 'express';
import type { OutputConfig } from '../config/index.ts';
import { renderIndexHtml, type IndexRegion } from '../render/index.ts';
import type { Store } from '../store/index.ts';
import type { Catalog } from './catalog.ts';
import { lastChanged, sendCached } from './conditional.ts';

const HEADLINES_PER_REGION = 5;

/** `/`: the HTML index of every region, its feeds and newest headlines. */
export function indexPageRoutes(store: Store, catalog: Catalog, output: OutputConfig): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const regions: IndexRegion[] = await Promise.all(
      catalog.regions.map(async (region) => {
        const page = await store.listStories({ region: region.id, limit: HEADLINES_PER_REGION });
        // Relative links keep the page usable on whatever host name it is reached by.
        const feeds = { rss: `/feeds/${region.id}.rss`, atom: `/feeds/${region.id}.atom`, json: `/feeds/${region.id}.json` };
        return { id: region.id, title: region.title, description: region.description, feeds, headlines: page.stories };
      }),
    );
    const body = renderIndexHtml({ title: output.title, opmlUrl: '/opml', regions, sources: catalog.sources });
    const lastModified = lastChanged(regions.flatMap((region) => region.headlines));
    sendCached(res, { body, contentType: 'text/html; charset=utf-8', lastModified, cacheControl: 'public, max-age=60' });
  });
  return router;
}
