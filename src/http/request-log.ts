import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { HttpMetrics } from '../metrics/index.ts';

/** Where each finished request goes: its log line, and the metrics when the process keeps them. */
export interface RequestSink {
  logger: Logger;
  metrics?: HttpMetrics;
}

/** Logs (and counts) each request's method, path, status and durationMs when it finishes. */
export function requestLog(sink: RequestSink): RequestHandler {
  return (req, res, next) => {
    logWhenFinished(sink, req, res);
    next();
  };
}

/**
 * The request line of one request, logged when its response is finished (the app's and the fast
 * path's alike), and counted by its route: the one given (the fast path's), else the Express route
 * that answered, by pattern; never the URL, whose paths and queries are the client's to vary.
 */
export function logWhenFinished(sink: RequestSink, req: IncomingMessage, res: ServerResponse, started = performance.now(), route?: string): void {
  res.on('finish', () => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const seconds = (performance.now() - started) / 1000;
    sink.logger.info(
      { method: req.method, path: query < 0 ? url : url.slice(0, query), status: res.statusCode, durationMs: Math.round(seconds * 1000) },
      'request',
    );
    sink.metrics?.recordRequest({ route: route ?? routeOf(req), method: req.method ?? 'other', status: res.statusCode, seconds });
  });
}

/** The pattern of the Express route that answered `req` (`/feeds/:file`), or `unmatched`. */
export function routeOf(req: IncomingMessage): string {
  const { route, baseUrl } = req as Partial<Request>;
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : 'unmatched';
}

/** A logger for one request's own lines (method, path), made only when a request has something to say. */
export function requestLogger(res: Response, logger: Logger): Logger {
  return logger.child({ method: res.req.method, path: res.req.path });
}
