import { Queue, Worker as BullWorker, type Job } from 'bullmq';
import cron from 'node-cron';
import type { Cluster, Redis } from 'ioredis';
import type { Config } from '../config/index.ts';
import type { IngestDeps } from './ingest-source.ts';
import { createAfterPolls } from './after-polls.ts';
import { dueSources, statesById } from './due.ts';
import { createHostGate } from './host-gate.ts';
import { createInTurn } from './in-turn.ts';
import { pollJobs, type PollJob } from './poll-jobs.ts';
import { pollLogged, pruneExpired } from './run-cycle.ts';
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
  const queue = new Queue<PollJob>(QUEUE, { connection, prefix });
  const lock = settings.lockMs ?? 30_000;
  const process = (job: Job<PollJob>, token?: string) => (job.name === PRUNE ? pruneExpired(current) : pollJob(job, token));
  const worker = new BullWorker<PollJob>(QUEUE, process, {
    connection,
    prefix,
    concurrency: deps.config.fetch.concurrency,
    lockDuration: lock,
    stalledInterval: lock,
    // A job stalls when its worker dies; polls already filed are skipped when it runs again.
    maxStalledCount: 5,
  });
  worker.on('error', (error) => current.logger.error({ err: error }, 'worker: queue error'));
  worker.on('failed', (job, error) => current.logger.warn({ job: job?.id, err: error }, 'worker: job failed'));
  queue.on('error', (error) => current.logger.error({ err: error }, 'worker: queue error'));

  // Each source is polled only if still due: a job re-run after a crash, or enqueued from states
  // read just before another worker filed, polls nothing twice. Before each poll the job's lock is
  // renewed: a job whose lock lapsed (this process stalled) belongs to another worker now, so it stops.
  const pollJob = async (job: Job<PollJob>, token: string | undefined): Promise<void> => {
    const { host, sourceIds } = job.data;
    let polled = false;
    for (const id of sourceIds) {
      const source = current.config.sources.find((candidate) => candidate.id === id);
      const state = source && (await current.store.getSourceState(id));
      if (!source || dueSources([source], statesById(state ? [state] : []), current.now().getTime()).length === 0) continue;
      if (token && (await job.extendLock(token, lock)) !== 1) break;
      const report = await gate(host, () => pollLogged(source, current, inTurn));
      polled = true;
      after.polled();
      if (report.status === 'failed' && (await hostHeld(id))) break;
    }
    // The slot's next job may start at once on another worker: it must still be spaced from this one.
    const spacing = current.config.fetch.hostSpacingMs;
    if (polled && spacing > 0) await new Promise((resolve) => setTimeout(resolve, spacing));
  };
  const hostHeld = async (id: string): Promise<boolean> => {
    const until = (await current.store.getSourceState(id))?.hostRetryAfterUntil;
    return until !== undefined && Date.parse(until) > current.now().getTime();
  };
  const dispatch = async (): Promise<void> => {
    const states = statesById(await current.store.listSourceStates());
    const due = dueSources(current.config.sources, states, current.now().getTime());
    const jobs = pollJobs(due, current.config.fetch.perHost);
    if (jobs.length > 0)
      await queue.addBulk(jobs.map(({ id, data }) => ({ name: 'poll', data, opts: { jobId: id, removeOnComplete: true, removeOnFail: true } })));
    void after.flush();
  };
  let ticking: Promise<void> | undefined;
  const tick = (): void => {
    ticking ??= dispatch()
      .catch((error: unknown) => current.logger.error({ err: error }, 'worker: dispatch failed'))
      .finally(() => (ticking = undefined));
  };
  // One schedule for every worker (upserting it is idempotent), so one of them prunes each hour.
  const pruning = queue
    .upsertJobScheduler(PRUNE, { every: PRUNE_EVERY_MS }, { name: PRUNE, opts: { removeOnComplete: true, removeOnFail: true } })
    .catch((error: unknown) => current.logger.error({ err: error }, 'worker: cannot schedule pruning'));
  const task = cron.schedule(`*/${options.tickSeconds ?? 1} * * * * *`, tick);
  tick();
  return {
    reload(config: Config) {
      current = { ...current, config };
    },
    async stop() {
      await task.stop();
      await pruning;
      await ticking;
      await worker.close();
      await queue.close();
      await after.flush();
    },
  };
}
