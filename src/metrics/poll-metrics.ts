import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { errorClass } from '../domain/index.ts';
import type { FetchObservation } from '../fetch/index.ts';
import type { SourceReport } from '../worker/index.ts';

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** What the worker's polls are counted with. */
export interface PollMetrics {
  recordPoll(report: SourceReport, durationMs: number): void;
  recordFetch(fetch: FetchObservation): void;
  /** A run of polls was summarised (see src/health's summary): the closest thing to a cycle left. */
  recordCycle(at: Date): void;
}

/**
 * Polls by source (a config id) and outcome, with the error's class when it failed (a bounded set,
 * never the message); fetch and poll durations; body bytes, entries read, stories new and copies.
 */
export function pollMetrics(registry: Registry): PollMetrics {
  const registers = [registry];
  const polls = new Counter({
    name: 'wirefeed_polls_total',
    help: 'Polls completed, by source, outcome and (failed only) error class.',
    labelNames: ['source', 'outcome', 'error_class'] as const,
    registers,
  });
  const pollSeconds = new Histogram({
    name: 'wirefeed_poll_duration_seconds',
    help: 'A whole poll: fetch, parse, dedupe, classify and filing.',
    labelNames: ['outcome'] as const,
    buckets: SECONDS,
    registers,
  });
  const fetchSeconds = new Histogram({
    name: 'wirefeed_fetch_duration_seconds',
    help: 'One fetch, redirects and body included.',
    labelNames: ['outcome'] as const,
    buckets: SECONDS,
    registers,
  });
  const bytes = new Counter({ name: 'wirefeed_fetched_bytes_total', help: 'Feed body bytes received, decompressed.', registers });
  const items = new Counter({ name: 'wirefeed_items_parsed_total', help: 'Entries read from fetched documents.', registers });
  const stories = new Counter({
    name: 'wirefeed_stories_filed_total',
    help: 'Items filed, as new stories or as copies.',
    labelNames: ['kind'] as const,
    registers,
  });
  const lastPoll = new Gauge({ name: 'wirefeed_last_poll_timestamp_seconds', help: 'When this process last completed a poll.', registers });
  const lastCycle = new Gauge({ name: 'wirefeed_last_cycle_timestamp_seconds', help: 'When this process last summarised a run of polls.', registers });
  return {
    recordPoll(report, durationMs) {
      const failed = report.status === 'failed';
      polls.inc({ source: report.sourceId, outcome: report.status, ...(failed ? { error_class: errorClass(report.error ?? '') } : {}) });
      pollSeconds.observe({ outcome: report.status }, durationMs / 1000);
      bytes.inc(report.bytes ?? 0);
      items.inc(report.items);
      stories.inc({ kind: 'new' }, report.newStories);
      stories.inc({ kind: 'copy' }, report.copies);
      lastPoll.setToCurrentTime();
    },
    recordFetch: (fetch) => fetchSeconds.observe({ outcome: fetch.outcome }, fetch.durationMs / 1000),
    recordCycle: (at) => lastCycle.set(at.getTime() / 1000),
  };
}
