/** The types every stage shares. */
export type { Source, SourceState, WebSubSubscription } from './source.ts';
export { stateForUrl, isRetired, pollUrl, sourceStanding, itemsLastDay, type SourceStanding } from './source-standing.ts';
export type { Region } from './region.ts';
export type { Item, PublisherHtml, Enclosure, GeoPoint, DateFallback } from './item.ts';
export type { Story, StoryItem, Copy, Evidence, Classification } from './story.ts';
export * from './errors.ts';
export { errorClass, errorLabel, type ErrorClass } from './error-class.ts';
export { firstRunGuidance, firstRunMessage, type FirstRunGuidance, type SilentSource } from './first-run.ts';
