import { Router } from 'express';
import type { Metrics } from '../metrics/index.ts';
import { SAFE_HEADERS } from './response-headers.ts';

/** `/metrics`: the process's metrics in the Prometheus text format. */
export function metricsRoutes(metrics: Metrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.exposition();
    res.set({ ...SAFE_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store' }).send(body);
  });
  return router;
}
