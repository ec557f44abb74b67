import type { FeedRef, Store } from '../store/index.ts';

/** Reads the change versions of feeds, in the order asked. */
export type VersionReader = (feeds: FeedRef[]) => Promise<number[]>;

interface Waiter {
  keys: string[];
  resolve(versions: number[]): void;
  reject(error: unknown): void;
}

const keyOf = (feed: FeedRef): string => (feed.kind === 'region' ? `r:${feed.id}` : feed.kind === 'country' ? `c:${feed.code}` : 'all');

/**
 * Requests that arrive in the same turn of the event loop share one `feedVersions` read, made once
 * they have all asked: at most one read per request, and under load far fewer. The read starts
 * after every request it answers arrived, so each sees versions at least as new as its own read would.
 */
export function createVersionReader(store: Pick<Store, 'feedVersions'>): VersionReader {
  let feeds = new Map<string, FeedRef>();
  let waiters: Waiter[] = [];
  const flush = async (): Promise<void> => {
    const batch = { feeds, waiters };
    feeds = new Map();
    waiters = [];
    try {
      const versions = await store.feedVersions([...batch.feeds.values()]);
      const byKey = new Map([...batch.feeds.keys()].map((key, i) => [key, versions[i]?.version ?? 0]));
      for (const waiter of batch.waiters) waiter.resolve(waiter.keys.map((key) => byKey.get(key) ?? 0));
    } catch (error) {
      for (const waiter of batch.waiters) waiter.reject(error);
    }
  };
  return (asked) =>
    new Promise((resolve, reject) => {
      if (waiters.length === 0) setImmediate(() => void flush());
      for (const feed of asked) feeds.set(keyOf(feed), feed);
      waiters.push({ keys: asked.map(keyOf), resolve, reject });
    });
}
