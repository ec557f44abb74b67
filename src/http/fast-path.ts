import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FeedRef } from '../store/index.ts';
import { sendResponse } from './conditional.ts';
import type { RenderCache } from './render-cache.ts';
import { logWhenFinished, type RequestSink } from './request-log.ts';
import type { VersionReader } from './version-reader.ts';

/** How the app answered a URL from the render cache: the response's key, the feeds its version comes from, and its route. */
interface Answer {
  key: string;
  feeds: FeedRef[];
  route: string;
}

/**
 * Answers a repeated GET or HEAD of a URL the app answered from the render cache, without routing:
 * one version read, and the cached response when that version still holds. Anything else (a URL
 * not seen yet, a new version, a failed read) goes to the app, which routes, renders and errs as ever.
 */
export interface FastPath {
  /** Notes how the app answered `url` (the request target as sent) by `route`, so that a repeat may skip the app. */
  remember(url: string, key: string, feeds: FeedRef[], route: string): void;
  handle(req: IncomingMessage, res: ServerResponse, app: () => void): void;
}

/** The version string of a cache entry: the versions of its feeds, in order. */
export function versionKey(versions: number[]): string {
  return versions.join(',');
}

/** A fast path remembering at most `maxUrls` URLs, the least recently used going first. */
export function createFastPath(deps: { cache: RenderCache; versions: VersionReader; sink: RequestSink; maxUrls: number }): FastPath {
  const answers = new Map<string, Answer>();
  return {
    remember(url, key, feeds, route) {
      answers.delete(url);
      answers.set(url, { key, feeds, route });
      if (answers.size > deps.maxUrls) answers.delete(answers.keys().next().value as string);
    },
    handle(req, res, app) {
      const answer = (req.method === 'GET' || req.method === 'HEAD') && req.url !== undefined ? answers.get(req.url) : undefined;
      if (!answer) return app();
      const started = performance.now();
      deps.versions(answer.feeds).then(
        (versions) => {
          const cached = deps.cache.peek(answer.key, versionKey(versions));
          if (!cached) return app();
          logWhenFinished(deps.sink, req, res, started, answer.route);
          // Only compressing can fail here: the connection is all there is to end.
          sendResponse(req, res, cached).catch((error: unknown) => res.destroy(error as Error));
        },
        // The app reads again and answers the failure as it answers any.
        () => app(),
      );
    },
  };
}
