import type { Job } from 'bullmq';
import type { IngestDeps } from './ingest-source.ts';
import type { AfterPolls } from './after-polls.ts';
import { dueSources, statesById } from './due.ts';
import type { HostGate } from './host-gate.ts';
import type { InTurn } from './in-turn.ts';
import type { PollJob } from './poll-jobs.ts';
import { sourceById } from './source-lookup.ts';
import { pollLogged } from './run-cycle.ts';

/** What a worker process runs its poll jobs with. */
export interface JobContext {
  deps: IngestDeps;
  gate: HostGate;
  inTurn: InTurn;
  after: AfterPolls;
  lockMs: number;
}

/**
 * Polls a job's sources one after another. Each is polled only if still due: a job re-run after a
 * crash, or enqueued from states read just before another worker filed, polls nothing twice. Before
 * each poll the job's lock is renewed: a job whose lock lapsed (this process stalled) is another
 * worker's now, so it stops. A host that asked us to wait stops the job too.
 */
export async function runPollJob(job: Job<PollJob>, token: string | undefined, context: JobContext): Promise<void> {
  const { deps, gate, inTurn, after } = context;
  const { host, sourceIds } = job.data;
  let polled = false;
  for (const id of sourceIds) {
    const source = sourceById(deps.config, id);
    // Read just before the poll, so the poll starts from it rather than reading it again.
    const state = source && (await deps.store.getSourceState(id));
    if (!source || dueSources([source], statesById(state ? [state] : []), deps.now().getTime()).length === 0) continue;
    if (token && (await job.extendLock(token, context.lockMs)) !== 1) break;
    const report = await gate(host, () => pollLogged(source, deps, { inTurn, known: { state } }));
    polled = true;
    after.polled();
    if (report.status === 'failed' && (await hostHeld(id, deps))) break;
  }
  // The slot's next job may start at once on another worker: it must still be spaced from this one.
  const spacing = deps.config.fetch.hostSpacingMs;
  if (polled && spacing > 0) await new Promise((resolve) => setTimeout(resolve, spacing));
}

async function hostHeld(id: string, deps: IngestDeps): Promise<boolean> {
  const until = (await deps.store.getSourceState(id))?.hostRetryAfterUntil;
  return until !== undefined && Date.parse(until) > deps.now().getTime();
}
