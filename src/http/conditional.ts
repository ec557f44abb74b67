import type { Response } from 'express';
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

/**
 * Sends a body with Last-Modified and Cache-Control. The app's strong ETag setting hashes the body,
 * and Express answers 304 itself when If-None-Match or If-Modified-Since show the client is fresh.
 */
export function sendCached(res: Response, cached: CachedBody): void {
  res.set('Cache-Control', cached.cacheControl);
  if (cached.lastModified) res.set('Last-Modified', cached.lastModified.toUTCString());
  res.type(cached.contentType).send(cached.body);
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
