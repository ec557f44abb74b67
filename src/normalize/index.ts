/** The normalize stage: parsed entries to domain Items with stable ids, canonical URLs and plain text; safe HTML for stories. */
export { normalizeFeed, identifyEntries, completeItems } from './normalize-feed.ts';
export { sanitizeItem } from './sanitize-content.ts';
export type { IdentifiedFeed, IdentifiedEntry } from './identify-feed.ts';
export { canonicalUrl } from './canonical-url.ts';
