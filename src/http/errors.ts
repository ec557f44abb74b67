import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { NotFoundError, QueryError, StoreError } from '../domain/index.ts';
import { decodedPath, shortPiece } from './quote.ts';
import { PUBLIC_HEADERS } from './response-headers.ts';
import { requestLogger } from './request-log.ts';

/** Any path no route answered: a 404 that points at the ones that exist. */
export const unknownRoute: RequestHandler = (req) => {
  throw new NotFoundError(
    `http: no such page ${req.method} ${shortPiece(decodedPath(req.path))}; try /, /regions, /opml, /feeds/{region}.rss|.atom|.json, /feeds/country/{cc}.rss|.atom|.json, ` +
      '/api/stories, /api/regions, /api/sources, /api/openapi.json, /healthz',
  );
};

const RETRY_AFTER_SECONDS = 10;

/** The one error handler: NotFoundError → 404, QueryError → 400, StoreError → 503, client errors keep their 4xx, the rest → 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    const status = statusOf(error);
    const log = requestLogger(res, logger);
    if (status >= 500) log.error({ err: error, status }, 'request failed');
    else log.debug({ err: error, status }, 'request refused');
    if (res.headersSent) return next(error);
    const message = status === 500 ? 'http: internal error' : error instanceof Error ? error.message : String(error);
    // A store that fails is usually one restarting: readers and pollers are told when to come back.
    const retry = status === 503 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {};
    res
      .status(status)
      .set({ ...PUBLIC_HEADERS, ...retry, 'Cache-Control': 'no-store' })
      .json({ error: errorName(status), message });
  };
}

function statusOf(error: unknown): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof QueryError) return 400;
  if (error instanceof StoreError) return 503;
  // Express's own errors (a malformed %-escape in a path …) carry a 4xx status.
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

function errorName(status: number): string {
  if (status === 404) return 'not found';
  if (status === 503) return 'store unavailable';
  return status < 500 ? 'bad request' : 'internal error';
}
