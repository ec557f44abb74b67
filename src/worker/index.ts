/** The scheduled worker: chains fetch → parse → normalize → dedupe → classify → store per source. */
export { ingestSource, type IngestDeps, type SourceReport } from './ingest-source.ts';
export { fileFeed, type FiledItem, type FilingDeps } from './file-feed.ts';
export { createStateBatch, type FileState } from './state-batch.ts';
export { runCycle, type CycleScope } from './run-cycle.ts';
export { startWorker, type Worker, type WorkerOptions } from './schedule.ts';
export type { QueueSettings } from './queue-dispatch.ts';
export type { PollMonitor } from './poll-monitor.ts';
export { createWebSubPublisher, type WebSubPublisher, type WebSubDeps, type PingedFeed } from './websub-ping.ts';
