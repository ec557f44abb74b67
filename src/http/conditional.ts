import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Story } from '../domain/index.ts';

/** Cache lifetime of served feeds: readers poll often, stories arrive every few minutes. */
export const FEED_CACHE_CONTROL = 'public, max-age=300';

/** A cacheable response body with its validators. */
export interface CachedBody {
  body: string;
  contentType: string;
  /** Newest story time; omitted when there are no stories. */
  lastModified?: Date;
  cacheControl: string;
}

/** Sends a body with a strong ETag, Last-Modified and Cache-Control, or 304 when the client's copy is current. */
export function sendCached(res: Response, cached: CachedBody): void {
  const etag = `"${createHash('sha256').update(cached.body).digest('base64url')}"`;
  res.set({ ETag: etag, 'Cache-Control': cached.cacheControl });
  if (cached.lastModified) res.set('Last-Modified', cached.lastModified.toUTCString());
  if (isNotModified(res.req, etag, cached.lastModified)) {
    res.status(304).end();
    return;
  }
  res.type(cached.contentType).send(cached.body);
}

// RFC 9110 §13.2.2 as an origin server: If-None-Match wins over If-Modified-Since. Express's own
// `req.fresh` is not used because it treats `Cache-Control: no-cache` as stale, and fetch() adds that
// header to every request that carries validators, so fetch-based readers would never see a 304.
function isNotModified(req: Request, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = req.get('If-None-Match');
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaqueTag(tag) === etag);
  }
  const ifModifiedSince = req.get('If-Modified-Since');
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

/** When a set of stories last changed: the newest first-seen or copy time. */
export function lastChanged(stories: readonly Story[]): Date | undefined {
  let newest = Number.NEGATIVE_INFINITY;
  for (const story of stories) {
    newest = Math.max(newest, Date.parse(story.firstSeen));
    for (const copy of story.copies) newest = Math.max(newest, Date.parse(copy.published));
  }
  return Number.isFinite(newest) ? new Date(newest) : undefined;
}
