import type { RequestListener } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import type { Config, ConfigStatus } from '../config/index.ts';
import { createReadiness } from '../health/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { Store } from '../store/index.ts';
import { apiRoutes } from './api.ts';
import { createCatalog } from './catalog.ts';
import { errorHandler, unknownRoute } from './errors.ts';
import { createFastPath, type FastPath } from './fast-path.ts';
import { feedRoutes } from './feeds.ts';
import { healthRoutes } from './health.ts';
import { metricsRoutes } from './metrics-route.ts';
import { readinessRoutes } from './readiness-route.ts';
import { iconRoutes } from './icon.ts';
import { opmlRoutes } from './opml.ts';
import { pageRoutes } from './pages.ts';
import { readOnly } from './read-only.ts';
import { createRenderCache, RENDER_CACHE_ENTRIES } from './render-cache.ts';
import { requestLimits } from './request-limits.ts';
import { requestLog } from './request-log.ts';
import { createVersionReader } from './version-reader.ts';
import { webSubRoutes, type PushReceiver } from './websub-callback.ts';

/** What the HTTP app is built from; nothing else is read. */
export interface AppDeps {
  store: Store;
  /** `config.output.baseUrl` is the public address every absolute link starts with. */
  config: Config;
  logger: Logger;
  /** Responses the render cache keeps (default 500). */
  cacheEntries?: number;
  /** Which config file is in force and whether its last edit loaded; shown in /api/sources. */
  configStatus?: () => ConfigStatus;
  /** Where WebSub pushes go; without it no /websub/ callback is served. */
  push?: PushReceiver;
  /** The process's metrics: requests and render-cache lookups recorded, `/metrics` served. */
  metrics?: Metrics;
}

/**
 * What `serve` listens with: repeats of URLs answered from the render cache are answered by the
 * fast path (one version read, no routing), everything else by the Express app.
 */
export function createHandler(deps: AppDeps): RequestListener {
  const { app, fastPath } = build(deps);
  return (req, res) => fastPath.handle(req, res, () => app(req, res));
}

/** The Express app serving feeds, the JSON API, OPML, the HTML pages and /healthz (no fast path). */
export function createApp(deps: AppDeps): express.Express {
  return build(deps).app;
}

function build(deps: AppDeps): { app: express.Express; fastPath: FastPath } {
  const { store, config, logger, cacheEntries = RENDER_CACHE_ENTRIES, configStatus, push, metrics } = deps;
  const app = express();
  const catalog = createCatalog(config);
  const output = config.output;
  const startedAt = new Date();
  const cache = createRenderCache(cacheEntries, metrics?.http.recordCacheLookup);
  const versions = createVersionReader(store);
  const sink = { logger, metrics: metrics?.http };
  // URLs differ more than responses (parameters in another order, cache-busters): twice as many kept.
  const fastPath = createFastPath({ cache, versions, sink, maxUrls: 2 * cacheEntries });
  const listing = { store, catalog, output, cache, versions, fastPath, startedAt, ...(output.websub ? { hub: output.websub.hub } : {}) };
  app.disable('x-powered-by');
  // Cacheable responses get a strong ETag from cached-response.ts; the rest need none.
  app.set('etag', false);
  app.use(requestLog(sink));
  // Before any route: an oversized URL is refused whatever it names, the WebSub callback's too.
  app.use(requestLimits);
  // The WebSub callback is the one route a hub POSTs to; everything else is read-only.
  if (push) app.use(webSubRoutes({ store, config, logger, receive: push }));
  app.use(readOnly);
  app.use(feedRoutes(listing));
  app.use(apiRoutes(listing, configStatus));
  app.use(pageRoutes(listing));
  app.use(opmlRoutes(catalog, output, cache, startedAt));
  app.use(iconRoutes(startedAt));
  app.use(healthRoutes(store, logger, configStatus));
  app.use(readinessRoutes(createReadiness({ store, config: () => config, configStatus })));
  if (metrics) app.use(metricsRoutes(metrics));
  app.use(unknownRoute);
  app.use(errorHandler(logger));
  return { app, fastPath };
}
