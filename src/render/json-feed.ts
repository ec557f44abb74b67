import { buildFeed } from './build-feed.ts';
import type { FeedView } from './feed-view.ts';

/** The version URL a JSON Feed 1.1 document must carry. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

type JsonObject = Record<string, unknown>;

/** The view as a JSON Feed 1.1 document. */
export function renderJsonFeed(view: FeedView): string {
  // feed v6 writes JSON Feed 1.0; 1.1 renamed `author` to an `authors` array and added `language`.
  const doc = JSON.parse(buildFeed(view, 'json').json1()) as JsonObject & { items: JsonObject[] };
  doc.version = JSON_FEED_VERSION;
  moveAuthor(doc);
  doc.items.forEach(moveAuthor);
  return JSON.stringify(doc, null, 2);
}

function moveAuthor(object: JsonObject): void {
  if (object.author === undefined) return;
  object.authors = [object.author];
  delete object.author;
}
