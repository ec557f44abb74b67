import type { RequestHandler } from 'express';
import { quoted } from './quote.ts';

const ALLOW = 'GET, HEAD';

/**
 * Everything served is public: any origin may read every response, its validators and Link headers
 * too. Each response writes these with its own headers (one writeHead, no header set ahead of it).
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Link',
};

/** Everything served is read-only: a CORS preflight is answered, and any method but GET and HEAD is 405. */
export const readOnly: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  if (req.method === 'OPTIONS') {
    // A browser asks first before sending If-None-Match from another origin.
    res.writeHead(204, {
      ...CORS_HEADERS,
      Allow: ALLOW,
      'Access-Control-Allow-Methods': ALLOW,
      'Access-Control-Allow-Headers': '*',
      'Access-Control-Max-Age': '86400',
    });
    res.end();
    return;
  }
  const message = `http: method ${quoted(req.method)} is not allowed; wirefeed answers GET and HEAD`;
  res.writeHead(405, { ...CORS_HEADERS, Allow: ALLOW, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: 'method not allowed', message }));
};
