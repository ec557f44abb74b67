import type { Story } from '../../domain/index.ts';
import type { FeedRef, FeedVersion } from '../store.ts';
import type { Conn } from './connection.ts';

/** A feed's key in feed_versions. */
function feedKey(feed: FeedRef): string {
  if (feed.kind === 'region') return `region:${feed.id}`;
  if (feed.kind === 'country') return `country:${feed.code}`;
  return 'all';
}

/** The keys of the feeds a story shows in: everything's, its regions' and its countries'. */
export function feedKeys(story: Pick<Story, 'regions' | 'countries'>): string[] {
  const regions = story.regions.map((id): FeedRef => ({ kind: 'region', id }));
  const countries = story.countries.map((code): FeedRef => ({ kind: 'country', code }));
  return [{ kind: 'all' } as const, ...regions, ...countries].map(feedKey);
}

/** Marks each feed changed at `now`: its version becomes now, or the previous + 1 if that is not later. */
export function bumpFeeds(conn: Conn, keys: Iterable<string>, now: number): void {
  for (const key of new Set(keys)) {
    conn
      .sql('INSERT INTO feed_versions (feed, version) VALUES (?, ?) ' + 'ON CONFLICT (feed) DO UPDATE SET version = max(excluded.version, version + 1)')
      .run(key, now);
  }
}

/** The version of each feed asked for, in order, in one read; 0 for a feed that never changed. */
export function readVersions(conn: Conn, feeds: FeedRef[]): FeedVersion[] {
  const keys = feeds.map(feedKey);
  const rows = conn.sql('SELECT feed, version FROM feed_versions WHERE feed IN (SELECT value FROM json_each(?))').all(JSON.stringify(keys)) as {
    feed: string;
    version: number;
  }[];
  const versions = new Map(rows.map((row) => [row.feed, row.version]));
  return keys.map((key) => ({ version: versions.get(key) ?? 0 }));
}
