import { Queue, Worker as BullWorker, type Job } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { Config } from '../config/index.ts';
import type { IngestDeps } from './ingest-source.ts';
import { createAfterPolls } from './after-polls.ts';
import { dueSources } from './due.ts';
import { createStateView } from './state-view.ts';
import { createHostGate } from './host-gate.ts';
import { createInTurn } from './in-turn.ts';
import { pollJobs, type PollJob } from './poll-jobs.ts';
import { runPollJob } from './queue-job.ts';
import { pruneExpired } from './run-cycle.ts';
import { startTicker } from './ticker.ts';
import type { Worker, WorkerOptions } from './schedule.ts';

/** Where the queue lives and how fast a dead worker's jobs are taken over. */
export interface QueueSettings {
  /** A client with `maxRetriesPerRequest: null` (BullMQ blocks on it); its owner closes it. */
  connection: Redis | Cluster;
  /** The store's hash tag (`{wirefeed}`), so queue and store share one Cluster slot and one test prefix. */
  prefix: string;
  /** How long a job's lock lives without renewal (default 30 s): a killed worker's job is retried after it. */
  lockMs?: number;
}

const QUEUE = 'polls';
const PRUNE = 'prune';
const PRUNE_EVERY_MS = 60 * 60_000;
// A job fails only when the store does (a source's failure is its report): BullMQ retries it with
// backoff, its id held meanwhile, then drops it so a later tick enqueues its sources afresh.
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true, attempts: 3, backoff: { type: 'exponential', delay: 5000 } };

/**
 * Due sources spread over every worker process on one Redis. Each worker's ticker enqueues one job
 * per (host, slot) with the slot's due sources; the job id makes the tickers' adds one job, and
 * BullMQ's locks and stalled-job check hand a killed worker's job to another.
 */
export function startQueueDispatch(deps: IngestDeps, options: WorkerOptions, settings: QueueSettings): Worker {
  let current = deps;
  const gate = createHostGate(deps.config.fetch);
  const inTurn = createInTurn();
  const after = createAfterPolls(options.afterCycle, deps.logger);
  const { connection, prefix } = settings;
  const lockMs = settings.lockMs ?? 30_000;
  const queue = new Queue<PollJob>(QUEUE, { connection, prefix });
  const run = (job: Job<PollJob>, token?: string) =>
    job.name === PRUNE ? pruneExpired(current) : runPollJob(job, token, { deps: current, gate, inTurn, after, lockMs });
  // A job stalls when its worker dies; what it had filed is skipped when it runs again.
  const worker = new BullWorker<PollJob>(QUEUE, run, {
    connection,
    prefix,
    concurrency: deps.config.fetch.concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: 5,
  });
  worker.on('error', (error) => current.logger.error({ err: error }, 'worker: queue error'));
  worker.on('failed', (job, error) => current.logger.warn({ job: job?.id, err: error }, 'worker: job failed'));
  deps.monitor?.watchJobs?.(worker);
  queue.on('error', (error) => current.logger.error({ err: error }, 'worker: queue error'));
  // One schedule for every worker (upserting it is idempotent), so one of them prunes each hour.
  const pruning = queue
    .upsertJobScheduler(PRUNE, { every: PRUNE_EVERY_MS }, { name: PRUNE, opts: { removeOnComplete: true, removeOnFail: true } })
    .catch((error: unknown) => current.logger.error({ err: error }, 'worker: cannot schedule pruning'));
  const tickSeconds = options.tickSeconds ?? 1;
  const tickKey = `${prefix}:dispatch-tick`;
  const readStates = createStateView(deps.store);
  const ticker = startTicker(
    tickSeconds,
    async () => {
      // One look per tick among all workers (whoever claims the tick): N workers each looking would
      // multiply the ticker's cost by N. A claim expires with its tick, so a dead worker's turn passes
      // to the others. Each reads only the states filed since its own last look.
      if ((await connection.set(tickKey, '1', 'PX', tickSeconds * 1000 - 50, 'NX')) !== 'OK') return;
      const states = await readStates();
      const jobs = pollJobs(dueSources(current.config.sources, states, current.now().getTime()), current.config.fetch.perHost);
      if (jobs.length > 0) await queue.addBulk(jobs.map(({ id, data }) => ({ name: 'poll', data, opts: { jobId: id, ...JOB_OPTIONS } })));
      void after.flush();
    },
    current.logger,
  );
  return {
    reload(config: Config) {
      current = { ...current, config };
    },
    async stop() {
      await ticker.stop();
      await pruning;
      await worker.close();
      await queue.close();
      await after.flush();
    },
  };
}
