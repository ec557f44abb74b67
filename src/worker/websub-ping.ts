import type { Logger } from 'pino';
import type { FeedRef, Store } from '../store/index.ts';
import { mapWithLimit } from './pool.ts';

const PINGS_AT_ONCE = 4;
const PING_TIMEOUT_MS = 10_000;

/** A served feed the hub is told about: its change version's ref and its URL in each format. */
export interface PingedFeed {
  ref: FeedRef;
  urls: string[];
}

/** What the publisher needs: the hub, the feeds, the store's versions, a logger. */
export interface WebSubDeps {
  hub: string;
  feeds: PingedFeed[];
  store: Pick<Store, 'feedVersions'>;
  logger: Logger;
  userAgent: string;
}

/** Tells a WebSub hub which feeds changed. */
export interface WebSubPublisher {
  /** Takes the feeds' versions as they are now: what later changes are measured from. */
  start(): Promise<void>;
  /** Sends the hub a publish ping for each feed URL whose feed changed since it was last told; returns the URLs told. */
  publishChanges(): Promise<string[]>;
}

/**
 * A WebSub publisher (W3C WebSub §7: `hub.mode=publish`, `hub.url`, form-encoded POST). Each URL is
 * pinged once per change of its feed's version; a ping the hub refused is sent again after the next cycle.
 */
export function createWebSubPublisher(deps: WebSubDeps): WebSubPublisher {
  const told = new Map<string, number>();
  const versions = async () => (await deps.store.feedVersions(deps.feeds.map((feed) => feed.ref))).map((v) => v.version);
  return {
    async start() {
      const now = await versions();
      deps.feeds.forEach((feed, i) => feed.urls.forEach((url) => told.set(url, now[i] ?? 0)));
    },
    async publishChanges() {
      const now = await versions();
      const changed = deps.feeds.flatMap((feed, i) => feed.urls.filter((url) => told.get(url) !== now[i]).map((url) => ({ url, version: now[i] ?? 0 })));
      const sent = await mapWithLimit(changed, PINGS_AT_ONCE, async ({ url, version }) => {
        const ok = await ping(deps, url);
        if (ok) told.set(url, version);
        return ok ? url : undefined;
      });
      const pinged = sent.filter((url) => url !== undefined);
      if (pinged.length > 0) deps.logger.info({ hub: deps.hub, feeds: pinged.length }, 'websub: hub told of changed feeds');
      return pinged;
    },
  };
}

async function ping(deps: WebSubDeps, url: string): Promise<boolean> {
  try {
    const response = await fetch(deps.hub, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': deps.userAgent },
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(),
      signal: AbortSignal.timeout(PING_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.ok) return true;
    deps.logger.warn({ hub: deps.hub, url, status: response.status }, 'websub: hub refused a publish ping');
  } catch (error) {
    deps.logger.warn({ hub: deps.hub, url, err: error }, 'websub: publish ping failed');
  }
  return false;
}
