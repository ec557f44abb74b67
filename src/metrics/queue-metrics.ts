import { Queue, type Worker as BullWorker } from 'bullmq';
import { Counter, Gauge, type Registry } from 'prom-client';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
// A scrape during a Redis outage must still answer: the queue's counts are then left out.
const COUNT_TIMEOUT_MS = 1000;

/** Counts a BullMQ worker's job outcomes, and its queue's jobs by state when scraped. */
export type JobsObserver = (worker: BullWorker) => void;

/**
 * Poll jobs this process ran, by outcome, and the queue's depth by state (`getJobCounts` when
 * /metrics is scraped: the queue is shared, so every worker reports the same depth).
 */
export function queueMetrics(registry: Registry): JobsObserver {
  const registers = [registry];
  const outcomes = new Counter({
    name: 'wirefeed_queue_jobs_total',
    help: 'Queue jobs this process ran, by outcome.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const queues: Queue[] = [];
  new Gauge({
    name: 'wirefeed_queue_jobs',
    help: 'Jobs in the poll queue, by state, when scraped.',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      this.reset();
      const queue = queues[0];
      if (!queue) return;
      const counts = await withTimeout(queue.getJobCounts(...STATES), COUNT_TIMEOUT_MS);
      for (const state of STATES) if (counts) this.set({ state }, counts[state] ?? 0);
    },
  });
  return (worker) => {
    worker.on('completed', () => outcomes.inc({ outcome: 'completed' }));
    worker.on('failed', () => outcomes.inc({ outcome: 'failed' }));
    // A reader of the worker's own queue, on its connection (BullMQ leaves a connection it was given open).
    const queue = new Queue(worker.name, { connection: worker.opts.connection, prefix: worker.opts.prefix });
    queues.push(queue);
    worker.once('closed', () => {
      queues.splice(queues.indexOf(queue), 1);
      void queue.close();
    });
  };
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms).unref()));
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
