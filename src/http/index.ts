/** The HTTP layer: one Express app over the store. */
export { createApp, createHandler, type AppDeps } from './app.ts';
export { createCatalog, publishedFeeds, type PublishedFeed } from './catalog.ts';
export { apiSource } from './api-shapes.ts';
export type { PushReceiver, PushedDocument } from './websub-callback.ts';
export { createProbeApp, type ProbeDeps } from './probe-app.ts';
