import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CachedResponse } from './cached-response.ts';

/** Sends a cached response: 304 when the client's copy is current, else the body in the best accepted coding (none on HEAD). */
export async function sendResponse(req: IncomingMessage, res: ServerResponse, cached: CachedResponse): Promise<void> {
  const coding = cached.codingFor(req.headers['accept-encoding']);
  const headers = cached.headersFor(coding);
  if (isNotModified(req, cached.etag(coding), cached.lastModified)) {
    res.writeHead(304, headers).end();
    return;
  }
  const ready = cached.variant(coding);
  // A body sent before is sent at once, not after another turn of the microtask queue.
  const { body, headers: full } = ready instanceof Promise ? await ready : ready;
  res.writeHead(res.statusCode, full);
  res.end(req.method === 'HEAD' ? undefined : body);
}

// RFC 9110 §13.2.2 as an origin server: If-None-Match wins over If-Modified-Since. Express's own
// `req.fresh` is not used because it treats `Cache-Control: no-cache` as stale, and fetch() adds that
// header to every request that carries validators, so fetch-based readers would never see a 304.
function isNotModified(req: IncomingMessage, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch === etag || ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaqueTag(tag) === etag);
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined || lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds, so the stored time is compared at that precision.
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

// GET uses the weak comparison: W/"x" matches "x".
function opaqueTag(tag: string): string {
  const trimmed = tag.trim();
  return trimmed.startsWith('W/') ? trimmed.slice(2) : trimmed;
}
