import { errorClass, errorLabel } from '../domain/index.ts';
import type { SourceReport } from '../worker/index.ts';

/** The polls of one run, each source counted once (its latest poll). */
export interface CycleSummary {
  sources: number;
  ok: number;
  notModified: number;
  unchanged: number;
  retired: number;
  failing: { source: string; reason: string }[];
  newStories: number;
  copies: number;
  bytes: number;
}

/** Collects polls and hands over their summary once a run of polls is over. */
export interface PollSummary {
  /** A poll began: no run ends while it is under way (unless it outlasts `maxMs`). */
  started(): void;
  record(report: SourceReport): void;
  /** Summarises what was recorded now, if anything (at shutdown). */
  flush(): void;
}

/** When a run of polls is over. */
export interface SummaryTiming {
  /** No poll under way, and none completed for this long (default 2 s): the due sources of the moment are done. */
  quietMs?: number;
  /** Polls have gone on this long since the run's first (default 60 s): a busy farm is summarised every minute. */
  maxMs?: number;
}

/**
 * The scheduler has no cycles any more, so a "cycle" here is a run of polls: it ends when no poll is
 * under way and none has completed for `quietMs` (the sources due at one moment are all done, as at
 * start-up, with room for the host spacing between two polls of one host), or `maxMs` after it began
 * while polls keep coming (thousands of sources, always some due).
 */
export function createPollSummary(emit: (summary: CycleSummary) => void, timing: SummaryTiming = {}): PollSummary {
  const { quietMs = 2000, maxMs = 60_000 } = timing;
  let latest = new Map<string, SourceReport>();
  let quiet: NodeJS.Timeout | undefined;
  let longest: NodeJS.Timeout | undefined;
  let underWay = 0;
  const flush = (): void => {
    clearTimeout(quiet);
    clearTimeout(longest);
    longest = undefined;
    if (latest.size === 0) return;
    const reports = [...latest.values()];
    latest = new Map();
    emit(summarise(reports));
  };
  return {
    started() {
      underWay++;
      clearTimeout(quiet);
    },
    record(report) {
      underWay = Math.max(0, underWay - 1);
      latest.delete(report.sourceId);
      latest.set(report.sourceId, report);
      clearTimeout(quiet);
      if (underWay === 0) quiet = setTimeout(flush, quietMs).unref();
      longest ??= setTimeout(flush, maxMs).unref();
    },
    flush,
  };
}

/** The counts of a run of polls. */
export function summarise(reports: SourceReport[]): CycleSummary {
  const count = (status: SourceReport['status']) => reports.filter((report) => report.status === status).length;
  const sum = (field: 'newStories' | 'copies' | 'bytes') => reports.reduce((total, report) => total + (report[field] ?? 0), 0);
  const failing = reports
    .filter((report) => report.status === 'failed')
    .map((report) => ({ source: report.sourceId, reason: errorLabel(errorClass(report.error ?? '')) }));
  return {
    sources: reports.length,
    ok: count('ok'),
    notModified: count('not-modified'),
    unchanged: count('unchanged'),
    retired: count('retired'),
    failing,
    newStories: sum('newStories'),
    copies: sum('copies'),
    bytes: sum('bytes'),
  };
}

/** "26 sources: 20 ok, 4 not modified, 2 failing: a (DNS), b (HTTP 503)", naming at most `named` failing sources. */
export function summaryLine(summary: CycleSummary, named = 10): string {
  const { failing } = summary;
  const parts = [
    [summary.ok, 'ok'],
    [summary.notModified, 'not modified'],
    [summary.unchanged, 'unchanged'],
    [summary.retired, 'retired'],
  ].flatMap(([count, what]) => (count ? [`${count} ${what}`] : []));
  if (failing.length > 0) {
    const listed = failing.slice(0, named).map((failure) => `${failure.source} (${failure.reason})`);
    const more = failing.length > named ? `, and ${failing.length - named} more` : '';
    parts.push(`${failing.length} failing: ${listed.join(', ')}${more}`);
  }
  return `${summary.sources} ${summary.sources === 1 ? 'source' : 'sources'}: ${parts.join(', ')}`;
}
