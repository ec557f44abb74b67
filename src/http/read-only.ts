import type { RequestHandler } from 'express';
import { quoted } from './quote.ts';

const ALLOW = 'GET, HEAD';

/**
 * Everything served is public and read-only: every response may be read from any origin (CORS `*`,
 * validators and Link exposed), a CORS preflight is answered, and any method but GET and HEAD is 405.
 */
export const readOnly: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Link');
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  if (req.method === 'OPTIONS') {
    // A browser asks first before sending If-None-Match from another origin.
    res.writeHead(204, { Allow: ALLOW, 'Access-Control-Allow-Methods': ALLOW, 'Access-Control-Allow-Headers': '*', 'Access-Control-Max-Age': '86400' });
    res.end();
    return;
  }
  const message = `http: method ${quoted(req.method)} is not allowed; wirefeed answers GET and HEAD`;
  res.writeHead(405, { Allow: ALLOW, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: 'method not allowed', message }));
};
