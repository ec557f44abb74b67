/** The parse stage: bytes of any feed format to a format-neutral ParsedFeed. */
export { parseFeed, type DocumentMeta } from './parse-feed.ts';
export type { FeedFormat, ParsedFeed, RawEntry, RawImage, RawLink } from './types.ts';
