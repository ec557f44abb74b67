import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPollSummary, summaryLine, type CycleSummary } from '../../src/health/index.ts';
import type { SourceReport } from '../../src/worker/index.ts';

function report(sourceId: string, status: SourceReport['status'], extra: Partial<SourceReport> = {}): SourceReport {
  return { sourceId, status, items: 0, newStories: 0, copies: 0, warnings: [], ...extra };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('the summary of a run of polls', () => {
  it('is handed over once no poll has completed for the quiet time, each source counted once by its latest poll', () => {
    const summaries: CycleSummary[] = [];
    const summary = createPollSummary((s) => summaries.push(s), { quietMs: 2000, maxMs: 60_000 });
    summary.record(report('tass', 'failed', { error: 'fetch: 503 from tass.com' }));
    vi.advanceTimersByTime(1500);
    summary.record(report('ria', 'ok', { newStories: 3, copies: 1, bytes: 2000 }));
    summary.record(report('tass', 'not-modified'));
    summary.record(report('bbc', 'failed', { error: 'fetch: getaddrinfo ENOTFOUND feeds.bbci.co.uk from feeds.bbci.co.uk' }));
    vi.advanceTimersByTime(1999);
    expect(summaries).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(summaries).toEqual([
      { sources: 3, ok: 1, notModified: 1, unchanged: 0, retired: 0, failing: [{ source: 'bbc', reason: 'DNS' }], newStories: 3, copies: 1, bytes: 2000 },
    ]);
    expect(summaryLine(summaries[0] as CycleSummary)).toBe('3 sources: 1 ok, 1 not modified, 1 failing: bbc (DNS)');
  });

  it('waits for the polls under way: a slow source ends the run it began in', () => {
    const summaries: CycleSummary[] = [];
    const summary = createPollSummary((s) => summaries.push(s), { quietMs: 2000, maxMs: 60_000 });
    summary.started();
    summary.started();
    summary.record(report('closed', 'failed', { error: 'fetch: connect ECONNREFUSED 127.0.0.1:9 from 127.0.0.1:9' }));
    vi.advanceTimersByTime(20_000);
    expect(summaries).toEqual([]);
    summary.record(report('slow', 'ok'));
    vi.advanceTimersByTime(2000);
    expect(summaries.map((s) => summaryLine(s))).toEqual(['2 sources: 1 ok, 1 failing: closed (refused)']);
  });

  it('is handed over every maxMs while polls keep coming, and at a flush, never empty', () => {
    const summaries: CycleSummary[] = [];
    const summary = createPollSummary((s) => summaries.push(s), { quietMs: 2000, maxMs: 10_000 });
    for (let second = 0; second < 25; second++) {
      summary.record(report(`s${second}`, 'ok'));
      vi.advanceTimersByTime(1000);
    }
    expect(summaries.map((s) => s.sources)).toEqual([10, 10]);
    summary.flush();
    summary.flush();
    expect(summaries.map((s) => s.sources)).toEqual([10, 10, 5]);
    vi.advanceTimersByTime(60_000);
    expect(summaries).toHaveLength(3);
  });

  it('reads like the issue asks, naming at most ten failing sources', () => {
    const failing = Array.from({ length: 12 }, (_, i) => ({ source: `f${i}`, reason: 'HTTP 503' }));
    const line = summaryLine({ sources: 26, ok: 10, notModified: 4, unchanged: 0, retired: 0, failing, newStories: 0, copies: 0, bytes: 0 });
    expect(line).toBe(
      '26 sources: 10 ok, 4 not modified, 12 failing: ' +
        failing
          .slice(0, 10)
          .map((f) => `${f.source} (HTTP 503)`)
          .join(', ') +
        ', and 2 more',
    );
  });
});
