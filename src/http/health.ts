import { Router } from 'express';
import type { Logger } from 'pino';
import type { ConfigStatus } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { PUBLIC_HEADERS } from './response-headers.ts';

/**
 * `/healthz`: 200 with the story count, or 503 with the reason when the store fails; with
 * `configStatus`, also the config file in use and the error of an edit that did not load.
 */
export function healthRoutes(store: Store, logger: Logger, configStatus?: () => ConfigStatus): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.set({ ...PUBLIC_HEADERS, 'Cache-Control': 'no-store' });
    const config = configStatus ? { config: configStatus() } : {};
    try {
      const { stories } = await store.stats();
      res.json({ status: 'ok', stories, ...config });
    } catch (error) {
      // A health probe reports the failure instead of raising it: the probe is the caller that needs the reason.
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn({ err: error }, 'health check failed');
      res.status(503).json({ status: 'error', reason, ...config });
    }
  });
  return router;
}
