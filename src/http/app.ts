import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { apiRoutes } from './api.ts';
import { createCatalog } from './catalog.ts';
import { errorHandler, unknownRoute } from './errors.ts';
import { feedRoutes } from './feeds.ts';
import { healthRoutes } from './health.ts';
import { indexPageRoutes } from './index-page.ts';
import { opmlRoutes } from './opml.ts';
import { requestLog } from './request-log.ts';

/** What the HTTP app is built from; nothing else is read. */
export interface AppDeps {
  store: Store;
  config: Config;
  logger: Logger;
}

/** The Express app serving feeds, the JSON API, OPML, the HTML index and /healthz. */
export function createApp({ store, config, logger }: AppDeps): express.Express {
  const app = express();
  const catalog = createCatalog(config);
  const output = config.output;
  const startedAt = new Date();
  app.disable('x-powered-by');
  // Cacheable responses get a strong ETag from conditional.ts; the rest need none.
  app.set('etag', false);
  app.use(requestLog(logger));
  app.use(indexPageRoutes(store, catalog, output));
  app.use(feedRoutes({ store, catalog, output, startedAt }));
  app.use(apiRoutes({ store, catalog, output }));
  app.use(opmlRoutes(catalog, output, startedAt));
  app.use(healthRoutes(store, logger));
  app.use(unknownRoute);
  app.use(errorHandler(logger));
  return app;
}
