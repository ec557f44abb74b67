import type { Store } from '../../src/store/index.ts';
import { seedState } from '../support/seed-store.ts';

const HOUR = 3_600_000;

/** A time `hours` before the moment of the call (what /api/sources measures against). */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * HOUR).toISOString();
}

/**
 * States of the sample sources in every standing /api/sources shows but `ok`: tass retired (410) after
 * moving, nhk counting a redirect under an active WebSub subscription, abc-au held by Retry-After.
 */
export async function seedSourceStates(store: Store): Promise<void> {
  await seedState(store, {
    sourceId: 'tass',
    configUrl: 'https://tass.com/rss/v2.xml',
    lastFetchedAt: hoursAgo(1),
    lastError: 'fetch: 410 from feeds.tass.example',
    lastStatus: 410,
    consecutiveFailures: 1,
    itemsSeen: 12,
    movedTo: 'https://feeds.tass.example/v2.xml',
    retired: { at: hoursAgo(1), url: 'https://feeds.tass.example/v2.xml', status: 410 },
    recentItems: [hoursAgo(2), hoursAgo(30)],
  });
  await seedState(store, {
    sourceId: 'nhk',
    configUrl: 'https://www3.nhk.or.jp/rss/news/cat0.xml',
    lastFetchedAt: hoursAgo(1),
    lastSuccessAt: hoursAgo(1),
    lastStatus: 200,
    nextPollAt: hoursAgo(-23),
    lastModified: 'Sat, 07 Feb 2026 12:00:00 GMT',
    consecutiveFailures: 0,
    itemsSeen: 3,
    redirect: { to: 'https://nhk.example/rss.xml', polls: 2 },
    recentItems: [hoursAgo(1), hoursAgo(3), hoursAgo(5)],
    websub: {
      hub: 'https://hub.example/',
      topic: 'https://www3.nhk.or.jp/rss/news/cat0.xml',
      secret: 'never-served',
      status: 'active',
      requestedAt: hoursAgo(48),
    },
  });
  await seedState(store, {
    sourceId: 'abc-au',
    lastFetchedAt: hoursAgo(1),
    lastError: 'fetch: 429 from www.abc.net.au',
    lastStatus: 429,
    consecutiveFailures: 1,
    itemsSeen: 0,
    hostRetryAfterUntil: hoursAgo(-2),
  });
}
