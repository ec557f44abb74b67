/**
 * Everything served is public: any origin may read every response, its validators and Link headers
 * too. Each response writes these with its own headers (one writeHead, no header set ahead of it).
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Link',
};

/**
 * Sent with every response. nosniff: a browser takes each body as the type it is declared, so a feed
 * or a JSON answer quoting a publisher's markup is never run as a page. Links out of our pages tell
 * the outlet only that the reader came from this service (its origin), never which page or filter.
 */
export const SAFE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** What every public response (feeds, API, pages, errors) carries. */
export const PUBLIC_HEADERS: Readonly<Record<string, string>> = { ...CORS_HEADERS, ...SAFE_HEADERS };

/**
 * An HTML page's own headers: its Content-Security-Policy, and, for a page that must not be framed
 * (its CSP says frame-ancestors 'none'), X-Frame-Options for browsers that predate frame-ancestors.
 */
export function pageHeaders(csp: string, framable: boolean): Readonly<Record<string, string>> {
  return framable ? { 'Content-Security-Policy': csp } : { 'Content-Security-Policy': csp, 'X-Frame-Options': 'DENY' };
}
