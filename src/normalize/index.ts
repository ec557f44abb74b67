/** The normalize stage: parsed entries to domain Items with stable ids, canonical URLs and safe HTML. */
export { normalizeFeed } from './normalize-feed.ts';
export { canonicalUrl } from './canonical-url.ts';
