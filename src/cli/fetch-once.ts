import { runCycle, type SourceReport } from '../worker/index.ts';
import type { Services } from './services.ts';

/** One pass over every source, a summary line per source; failing sources do not fail the run. */
export async function fetchOnceCommand(services: Services, stdout: NodeJS.WritableStream): Promise<number> {
  const reports = await runCycle(services, 'all');
  for (const report of reports) stdout.write(`${formatReport(report)}\n`);
  const failed = reports.filter((report) => report.status === 'failed').length;
  const retired = reports.filter((report) => report.status === 'retired').length;
  stdout.write(`${reports.length} sources, ${failed} failed${retired ? `, ${retired} retired (gone: change their config entry)` : ''}\n`);
  return 0;
}

function formatReport(report: SourceReport): string {
  const head = `${report.sourceId.padEnd(24)} ${report.status.padEnd(12)}`;
  if (report.status === 'failed' || report.status === 'retired') return `${head} ${report.error ?? ''}`.trimEnd();
  if (report.status === 'unchanged') return `${head} same body as last time, not parsed`;
  const warnings = report.warnings.length ? `, ${report.warnings.length} warnings` : '';
  return `${head} ${report.items} items, ${report.newStories} new stories, ${report.copies} copies${warnings}`;
}
