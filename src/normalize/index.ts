/** The normalize stage: parsed entries to domain Items with stable ids, canonical URLs and safe HTML. */
export { normalizeFeed, identifyEntries, completeItems } from './normalize-feed.ts';
export type { IdentifiedFeed, IdentifiedEntry } from './identify-feed.ts';
export { canonicalUrl } from './canonical-url.ts';
