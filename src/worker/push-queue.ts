import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ParseError, StoreError } from '../domain/index.ts';

/** A pushed document as queued: the body travels base64-encoded in the job. */
export interface QueuedPush {
  sourceId: string;
  body: Uint8Array;
  contentType?: string;
  url: string;
}

/** Where the queue lives: the store's Redis, under the store's key prefix. */
export interface PushQueueOptions {
  redisUrl: string;
  /** The store's prefix, `wirefeed:` by default. */
  prefix: string;
}

interface JobData {
  sourceId: string;
  body: string;
  contentType?: string;
  url: string;
}

const QUEUE = 'push';
// A store outage outlasting these retries leaves the job among the failed ones, where it can be seen and retried.
const ATTEMPTS = 8;

/** BullMQ's prefix: the store's hash tag then `queue` (`{wirefeed}:queue:push:…`), so the store's key pattern covers the queue. */
function queuePrefix(prefix: string): string {
  return `{${prefix.replace(/:$/, '')}}:queue`;
}

/** The HTTP process's end: queues a pushed document for whichever worker takes it first. */
export function createPushQueue(options: PushQueueOptions): { add(push: QueuedPush): Promise<void>; close(): Promise<void> } {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
  const queue = new Queue<JobData>(QUEUE, { connection, prefix: queuePrefix(options.prefix) });
  return {
    async add(push) {
      try {
        const data = { sourceId: push.sourceId, body: Buffer.from(push.body).toString('base64'), contentType: push.contentType, url: push.url };
        await queue.add('document', data, { attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: 1_000 });
      } catch (error) {
        throw new StoreError(`store: could not queue the push for ${push.sourceId}`, { cause: error });
      }
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

/** A worker's end: files each queued push with `file`; a document that is no feed is not retried. */
export function consumePushes(options: PushQueueOptions, file: (push: QueuedPush) => Promise<void>, logger: Logger): { close(): Promise<void> } {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<JobData>(
    QUEUE,
    async (job: Job<JobData>) => {
      const { sourceId, body, contentType, url } = job.data;
      try {
        await file({ sourceId, body: Buffer.from(body, 'base64'), contentType, url });
      } catch (error) {
        if (error instanceof ParseError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    { connection, prefix: queuePrefix(options.prefix), concurrency: 1 },
  );
  worker.on('failed', (job, error) => logger.error({ source: job?.data.sourceId, attempt: job?.attemptsMade, err: error }, 'websub: queued push not filed'));
  worker.on('error', (error) => logger.error({ err: error }, 'websub: push queue failed'));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
