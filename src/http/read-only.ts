import type { RequestHandler } from 'express';
import { quoted } from './quote.ts';
import { PUBLIC_HEADERS } from './response-headers.ts';

const ALLOW = 'GET, HEAD';

/** Everything served is read-only: a CORS preflight is answered, and any method but GET and HEAD is 405. */
export const readOnly: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  if (req.method === 'OPTIONS') {
    // A browser asks first before sending If-None-Match from another origin.
    res.writeHead(204, {
      ...PUBLIC_HEADERS,
      Allow: ALLOW,
      'Access-Control-Allow-Methods': ALLOW,
      'Access-Control-Allow-Headers': '*',
      'Access-Control-Max-Age': '86400',
    });
    res.end();
    return;
  }
  const message = `http: method ${quoted(req.method)} is not allowed; wirefeed answers GET and HEAD`;
  res.writeHead(405, { ...PUBLIC_HEADERS, Allow: ALLOW, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: 'method not allowed', message }));
};
