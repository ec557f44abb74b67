/**
 * The instant a page's relative times ("12 min ago") are worded for. A page is cached per version of
 * its feeds and per this instant, which stays put (so its ETag holds and 304s stay cheap) until a
 * wording on the page would change or its feeds do; then it moves to now.
 */
export interface PageClock {
  /** The instant to word the page `key` for, its feeds being at `versions`, the time being `now` (ms). */
  at(key: string, versions: string, now: number): number;
  /** Records that `key`, worded at `at` for `versions`, reads right until `until` (ms; Infinity: for good). */
  hold(key: string, versions: string, at: number, until: number): void;
}

interface Held {
  versions: string;
  at: number;
  until: number;
}

/** A clock remembering at most `maxPages` pages (least recently asked go first), like the render cache. */
export function createPageClock(maxPages: number): PageClock {
  const held = new Map<string, Held>();
  return {
    at(key, versions, now) {
      const page = held.get(key);
      if (page === undefined || page.versions !== versions || now >= page.until) return now;
      held.delete(key);
      held.set(key, page);
      return page.at;
    },
    hold(key, versions, at, until) {
      held.delete(key);
      held.set(key, { versions, at, until });
      if (held.size > maxPages) held.delete(held.keys().next().value as string);
    },
  };
}
