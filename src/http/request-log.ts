import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Logs each request's method, path, status and durationMs when it finishes. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const durationMs = Math.round(performance.now() - started);
      logger.info({ method: req.method, path: req.path, status: res.statusCode, durationMs }, 'request');
    });
    next();
  };
}

/** A logger for one request's own lines (method, path), made only when a request has something to say. */
export function requestLogger(res: Response, logger: Logger): Logger {
  return logger.child({ method: res.req.method, path: res.req.path });
}
