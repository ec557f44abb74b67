import express from 'express';
import type { Logger } from 'pino';
import type { ConfigStatus } from '../config/index.ts';
import type { Readiness } from '../health/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { Store } from '../store/index.ts';
import { NotFoundError } from '../domain/index.ts';
import { errorHandler } from './errors.ts';
import { decodedPath, shortPiece } from './quote.ts';
import { healthRoutes } from './health.ts';
import { metricsRoutes } from './metrics-route.ts';
import { readinessRoutes } from './readiness-route.ts';
import { readOnly } from './read-only.ts';

/** What a process without the feeds' HTTP server (`wirefeed worker`) answers probes with. */
export interface ProbeDeps {
  store: Store;
  logger: Logger;
  metrics: Metrics;
  readiness: () => Promise<Readiness>;
  configStatus?: () => ConfigStatus;
}

/** `/metrics`, `/readyz` and `/healthz` alone, for a worker's METRICS_PORT. */
export function createProbeApp(deps: ProbeDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(readOnly);
  app.use(metricsRoutes(deps.metrics));
  app.use(readinessRoutes(deps.readiness));
  app.use(healthRoutes(deps.store, deps.logger, deps.configStatus));
  app.use((req) => {
    throw new NotFoundError(`http: no such page ${req.method} ${shortPiece(decodedPath(req.path))}; this port answers /metrics, /readyz and /healthz`);
  });
  app.use(errorHandler(deps.logger));
  return app;
}
