import type { Request, Response } from 'express';
import type { Story } from '../domain/index.ts';
import { CachedResponse, type Rendered } from './cached-response.ts';

/** Sends a cached response: 304 when the client's copy is current, else the body in the best accepted coding (none on HEAD). */
export async function sendResponse(req: Request, res: Response, cached: CachedResponse): Promise<void> {
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

/** Sends a body built for this request alone, with the same validators and codings as cached ones. */
export function sendCached(res: Response, rendered: Rendered): void {
  // Only compressing can fail here, after the route is done: the connection is all there is to end.
  sendResponse(res.req, res, new CachedResponse(rendered)).catch((error: unknown) => res.destroy(error as Error));
}

// RFC 9110 §13.2.2 as an origin server: If-None-Match wins over If-Modified-Since. Express's own
// `req.fresh` is not used because it treats `Cache-Control: no-cache` as stale, and fetch() adds that
// header to every request that carries validators, so fetch-based readers would never see a 304.
function isNotModified(req: Request, etag: string, lastModified: Date | undefined): boolean {
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

/** When a set of stories last changed: the newest first-seen or copy time (the HTML index's stand-in for a feed version). */
export function lastChanged(stories: readonly Story[]): Date | undefined {
  let newest = Number.NEGATIVE_INFINITY;
  for (const story of stories) {
    newest = Math.max(newest, Date.parse(story.firstSeen));
    for (const copy of story.copies) newest = Math.max(newest, Date.parse(copy.published));
  }
  return Number.isFinite(newest) ? new Date(newest) : undefined;
}
