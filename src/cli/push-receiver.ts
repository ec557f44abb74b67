import type { Logger } from 'pino';
import type { Source } from '../domain/index.ts';
import type { PushedDocument, PushReceiver } from '../http/index.ts';
import type { IngestDeps } from '../worker/index.ts';
import type { PushQueueOptions } from '../worker/push-queue.ts';
import { classifierFor, type Services } from './services.ts';

/** Where the HTTP process sends pushed documents: filed here now, or queued for the workers. */
export type PushRoute = { kind: 'here' } | { kind: 'here-lazily' } | ({ kind: 'queue' } & PushQueueOptions);

/**
 * The receiver of WebSub pushes, or none without `output.publicUrl`. `start` files pushes in-process;
 * `serve` on the embedded store loads the pipeline (parser, classifier) on its first push; `serve`
 * on Redis queues them for `wirefeed worker`, which holds the pipeline already.
 */
export async function pushReceiver(services: Services, route: PushRoute): Promise<{ receive: PushReceiver; close(): Promise<void> } | undefined> {
  if (!services.config.output.publicUrl) return undefined;
  if (route.kind === 'queue') {
    const { createPushQueue } = await import('../worker/push-queue.ts');
    const queue = createPushQueue(route);
    return { receive: (push) => queue.add(push), close: () => queue.close() };
  }
  let deps: Promise<IngestDeps> | undefined;
  const pipeline = () => (deps ??= route.kind === 'here' ? Promise.resolve(services) : withClassifier(services));
  return { receive: async (push) => fileHere(push, await pipeline()), close: async () => {} };
}

/** Files one pushed document through the pipeline of this process. */
export async function fileHere(push: PushedDocument, deps: IngestDeps): Promise<void> {
  const { ingestPush } = await import('../worker/ingest-push.ts');
  const source = sourceOf(push.sourceId, deps.config.sources);
  const report = await ingestPush(source, { body: push.body, url: push.url, contentType: push.contentType }, deps);
  logFiled(deps.logger, report);
}

function sourceOf(id: string, sources: Source[]): Source {
  const source = sources.find((candidate) => candidate.id === id);
  if (!source) throw new Error(`websub: a push for ${id}, which is not configured`);
  return source;
}

function logFiled(logger: Logger, report: { sourceId: string; items: number; newStories: number; copies: number }): void {
  const { sourceId, items, newStories, copies } = report;
  logger.info({ source: sourceId, items, newStories, copies }, 'websub: pushed document filed');
}

// `serve` was built without a classifier; the first push loads one (its gazetteer is built on first use).
async function withClassifier(services: Services): Promise<IngestDeps> {
  return { ...services, classifier: await classifierFor(services.config.regions, true) };
}
