import { Router } from 'express';
import type { Readiness } from '../health/index.ts';
import { PUBLIC_HEADERS } from './response-headers.ts';

/** `/readyz`: 200 when ready, else 503, with the reasons as JSON either way (`/healthz` stays the liveness check). */
export function readinessRoutes(readiness: () => Promise<Readiness>): Router {
  const router = Router();
  router.get('/readyz', async (_req, res) => {
    const answer = await readiness();
    res
      .status(answer.ready ? 200 : 503)
      .set({ ...PUBLIC_HEADERS, 'Cache-Control': 'no-store' })
      .json(answer);
  });
  return router;
}
