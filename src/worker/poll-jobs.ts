import { hash } from 'node:crypto';
import type { DueSource } from './due.ts';

/** What one queued job polls: some due sources of one host, one after another. */
export interface PollJob {
  host: string;
  sourceIds: string[];
}

/**
 * The jobs for the due sources: one per (host, slot), slot < perHost. A source always falls in the
 * same slot, so while its slot's job waits or runs no other job holds it, and at most `perHost`
 * jobs (so requests) to one host exist at once across all workers.
 */
export function pollJobs(due: DueSource[], perHost: number): { id: string; data: PollJob }[] {
  const jobs = new Map<string, PollJob>();
  for (const { source, host } of due) {
    const slot = perHost === 1 ? 0 : Number.parseInt(hash('sha1', source.id).slice(0, 8), 16) % perHost;
    // BullMQ job ids may not contain ":", which a host with a port does.
    const id = `poll-${host.replaceAll(':', '_')}-${slot}`;
    const job = jobs.get(id) ?? { host, sourceIds: [] };
    job.sourceIds.push(source.id);
    jobs.set(id, job);
  }
  return [...jobs].map(([id, data]) => ({ id, data }));
}
