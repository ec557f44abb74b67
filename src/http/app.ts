import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { apiRoutes } from './api.ts';
import { createCatalog } from './catalog.ts';
import { errorHandler, unknownRoute } from './errors.ts';
import { feedRoutes } from './feeds.ts';
import { healthRoutes } from './health.ts';
import { iconRoutes } from './icon.ts';
import { opmlRoutes } from './opml.ts';
import { pageRoutes } from './pages.ts';
import { readOnly } from './read-only.ts';
import { createRenderCache, RENDER_CACHE_ENTRIES } from './render-cache.ts';
import { requestLog } from './request-log.ts';
import { createVersionReader } from './version-reader.ts';

/** What the HTTP app is built from; nothing else is read. */
export interface AppDeps {
  store: Store;
  /** `config.output.baseUrl` is the public address every absolute link starts with. */
  config: Config;
  logger: Logger;
  /** Responses the render cache keeps (default 500). */
  cacheEntries?: number;
}

/** The Express app serving feeds, the JSON API, OPML, the HTML index and /healthz. */
export function createApp({ store, config, logger, cacheEntries = RENDER_CACHE_ENTRIES }: AppDeps): express.Express {
  const app = express();
  const catalog = createCatalog(config);
  const output = config.output;
  const startedAt = new Date();
  const cache = createRenderCache(cacheEntries);
  const versions = createVersionReader(store);
  const listing = { store, catalog, output, cache, versions, startedAt, ...(output.websub ? { hub: output.websub.hub } : {}) };
  app.disable('x-powered-by');
  // Cacheable responses get a strong ETag from cached-response.ts; the rest need none.
  app.set('etag', false);
  app.use(requestLog(logger));
  app.use(readOnly);
  app.use(feedRoutes(listing));
  app.use(apiRoutes(listing));
  app.use(pageRoutes(listing));
  app.use(opmlRoutes(catalog, output, cache, startedAt));
  app.use(iconRoutes(startedAt));
  app.use(healthRoutes(store, logger));
  app.use(unknownRoute);
  app.use(errorHandler(logger));
  return app;
}
