import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Logs each request's method, path, status and durationMs when it finishes. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    logWhenFinished(logger, req, res);
    next();
  };
}

/** The request line of one request, logged when its response is finished (the app's and the fast path's alike). */
export function logWhenFinished(logger: Logger, req: IncomingMessage, res: ServerResponse, started = performance.now()): void {
  res.on('finish', () => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const durationMs = Math.round(performance.now() - started);
    logger.info({ method: req.method, path: query < 0 ? url : url.slice(0, query), status: res.statusCode, durationMs }, 'request');
  });
}

/** A logger for one request's own lines (method, path), made only when a request has something to say. */
export function requestLogger(res: Response, logger: Logger): Logger {
  return logger.child({ method: res.req.method, path: res.req.path });
}
