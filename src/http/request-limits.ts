import type { RequestHandler, Response } from 'express';
import { PUBLIC_HEADERS } from './response-headers.ts';

/**
 * The longest request target taken, in characters. Every URL wirefeed issues fits well inside it
 * (a cursor is at most 1,000 characters, `q` 200 characters %-encoded); Node itself refuses a request
 * whose headers, request line included, pass 16 KiB (431) before it gets here.
 */
export const MAX_URL_LENGTH = 4096;

/** The most query parameters taken: the API's eight, with room for a site's tracking tags and cache-busters. */
export const MAX_QUERY_PARAMETERS = 32;

/**
 * Refuses, before any routing, a URL longer than MAX_URL_LENGTH (414) or with more than
 * MAX_QUERY_PARAMETERS parameters (400): nothing after it parses, matches or caches such a request.
 */
export const requestLimits: RequestHandler = (req, res, next) => {
  const url = req.url;
  if (url.length > MAX_URL_LENGTH) {
    return refuse(res, 414, 'uri too long', `http: the URL is ${url.length} characters long; wirefeed takes at most ${MAX_URL_LENGTH}`);
  }
  const parameters = countParameters(url);
  if (parameters > MAX_QUERY_PARAMETERS) {
    return refuse(res, 400, 'bad request', `http: bad query: ${parameters} parameters; wirefeed takes at most ${MAX_QUERY_PARAMETERS}`);
  }
  next();
};

// As the query parsers split it: on "&", empty pieces ("a=1&&b=2") counting for nothing.
function countParameters(url: string): number {
  const start = url.indexOf('?');
  if (start < 0) return 0;
  let count = 0;
  for (const piece of url.slice(start + 1).split('&')) if (piece !== '') count++;
  return count;
}

function refuse(res: Response, status: number, error: string, message: string): void {
  res.writeHead(status, { ...PUBLIC_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error, message }));
}
