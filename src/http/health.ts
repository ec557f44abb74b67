import { Router } from 'express';
import type { Logger } from 'pino';
import type { Store } from '../store/index.ts';
import { CORS_HEADERS } from './read-only.ts';

/** `/healthz`: 200 with the story count, or 503 with the reason when the store fails. */
export function healthRoutes(store: Store, logger: Logger): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.set({ ...CORS_HEADERS, 'Cache-Control': 'no-store' });
    try {
      const { stories } = await store.stats();
      res.json({ status: 'ok', stories });
    } catch (error) {
      // A health probe reports the failure instead of raising it: the probe is the caller that needs the reason.
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn({ err: error }, 'health check failed');
      res.status(503).json({ status: 'error', reason });
    }
  });
  return router;
}
