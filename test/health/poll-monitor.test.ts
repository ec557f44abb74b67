import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Source } from '../../src/domain/index.ts';
import { createPollMonitor } from '../../src/health/index.ts';
import { createMetrics } from '../../src/metrics/index.ts';
import { SqliteStore } from '../../src/store/index.ts';
import type { SourceReport } from '../../src/worker/index.ts';
import { capturingLogger } from '../http/test-app.ts';
import { parseMetrics, valueOf } from '../support/metrics-text.ts';
import { seedState } from '../support/seed-store.ts';

const SOURCES = ['tass', 'bbc'].map((id): Source => ({
  id,
  url: `https://${id}.example/rss`,
  title: id.toUpperCase(),
  language: 'en',
  defaultCountries: [],
  defaultRegions: [],
  pollIntervalMinutes: 10,
}));
const DNS = (host: string) => `fetch: getaddrinfo ENOTFOUND ${host} from ${host}`;

function failed(sourceId: string): SourceReport {
  return { sourceId, status: 'failed', items: 0, newStories: 0, copies: 0, warnings: [], error: DNS(`${sourceId}.example`) };
}

let store: SqliteStore;
beforeEach(() => {
  vi.useFakeTimers();
  store = SqliteStore.inMemory();
});
afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

async function pollAll(monitor: ReturnType<typeof createPollMonitor>, at: Date): Promise<void> {
  for (const source of SOURCES) {
    await seedState(store, {
      sourceId: source.id,
      lastFetchedAt: at.toISOString(),
      lastError: DNS(`${source.id}.example`),
      consecutiveFailures: 1,
      itemsSeen: 0,
    });
    monitor.pollStarted(source.id);
    monitor.recordPoll(failed(source.id), 12);
  }
  await vi.advanceTimersByTimeAsync(2000);
}

describe('the poll monitor', () => {
  it('logs a summary per run of polls and, when no source ever answered, the first-run guidance once', async () => {
    const { logger, lines } = capturingLogger();
    const monitor = createPollMonitor({ store, logger, sources: () => SOURCES });
    await pollAll(monitor, new Date());
    await pollAll(monitor, new Date());
    const messages = lines.map((line) => line.msg);
    expect(messages.filter((msg) => msg === '2 sources: 2 failing: tass (DNS), bbc (DNS)')).toHaveLength(2);
    expect(messages.filter((msg) => String(msg).startsWith('no source has answered yet: all 2 sources failed: tass (DNS), bbc (DNS). Check: '))).toHaveLength(
      1,
    );
  });

  it('gives no first-run guidance when a source answered in an earlier run', async () => {
    const { logger, lines } = capturingLogger();
    await seedState(store, {
      sourceId: 'bbc',
      lastFetchedAt: '2026-01-01T00:00:00.000Z',
      lastSuccessAt: '2026-01-01T00:00:00.000Z',
      consecutiveFailures: 0,
      itemsSeen: 3,
    });
    const monitor = createPollMonitor({ store, logger, sources: () => SOURCES });
    monitor.pollStarted('tass');
    monitor.recordPoll(failed('tass'), 12);
    await vi.advanceTimersByTimeAsync(2000);
    expect(lines.map((line) => line.msg)).toEqual(['1 source: 1 failing: tass (DNS)']);
  });

  it('notes the poll in the store at most every 15 s, counts it, and marks the end of each run', async () => {
    const { logger } = capturingLogger();
    const metrics = createMetrics();
    const start = new Date('2026-02-07T12:00:00.000Z');
    let now = start;
    const monitor = createPollMonitor({ store, logger, sources: () => SOURCES, metrics, now: () => now });
    monitor.recordPoll(failed('tass'), 12);
    now = new Date(start.getTime() + 10_000);
    monitor.recordPoll(failed('bbc'), 12);
    await vi.advanceTimersByTimeAsync(0);
    expect(await store.lastPolled()).toEqual(start);
    now = new Date(start.getTime() + 16_000);
    monitor.recordPoll(failed('tass'), 12);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await store.lastPolled()).toEqual(now);
    const samples = parseMetrics((await metrics.exposition()).body);
    expect(valueOf(samples, 'wirefeed_polls_total', { source: 'tass', outcome: 'failed', error_class: 'dns' })).toBe(2);
    expect(valueOf(samples, 'wirefeed_last_cycle_timestamp_seconds')).toBe(now.getTime() / 1000);
  });
});
