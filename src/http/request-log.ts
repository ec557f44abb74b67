import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Gives each request a child logger (method, path) and logs status and durationMs when it finishes. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const log = logger.child({ method: req.method, path: req.path });
    res.locals.log = log;
    res.on('finish', () => {
      log.info({ status: res.statusCode, durationMs: Math.round(performance.now() - started) }, 'request');
    });
    next();
  };
}

/** The request's child logger, or the app's logger before one was made. */
export function requestLogger(res: Response, fallback: Logger): Logger {
  return (res.locals.log as Logger | undefined) ?? fallback;
}
