import { buildFeed } from './build-feed.ts';
import type { FeedView } from './feed-view.ts';

/** The view as an RSS 2.0 document. */
export function renderRss(view: FeedView): string {
  return buildFeed(view, 'rss').rss2();
}

/** The view as an Atom 1.0 document. */
export function renderAtom(view: FeedView): string {
  return buildFeed(view, 'atom').atom1();
}
