import { Router } from 'express';
import { FAVICON_SVG, renderFaviconIco } from '../render/index.ts';
import { CachedResponse } from './cached-response.ts';
import { sendResponse } from './conditional.ts';

const A_DAY = 'public, max-age=86400';

/** `/favicon.svg` (what the pages link) and `/favicon.ico` (what feed readers and older browsers ask for). */
export function faviconRoutes(startedAt: Date): Router {
  const router = Router();
  const svg = new CachedResponse({ body: FAVICON_SVG, contentType: 'image/svg+xml', cacheControl: A_DAY, lastModified: startedAt });
  let ico: CachedResponse | undefined;
  router.get('/favicon.svg', (req, res) => sendResponse(req, res, svg));
  router.get('/favicon.ico', (req, res) => {
    // Drawn on first need: a `serve` process nobody asks for an icon never draws it.
    ico ??= new CachedResponse({ body: renderFaviconIco(), contentType: 'image/x-icon', cacheControl: A_DAY, lastModified: startedAt });
    return sendResponse(req, res, ico);
  });
  return router;
}
