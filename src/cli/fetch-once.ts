import { runCycle, type CycleScope, type SourceReport } from '../worker/index.ts';
import type { Services } from './services.ts';

/**
 * One pass over every source (or those `--source ID` names), a summary line per source; failing
 * sources do not fail the run. An unknown id or argument is a usage error (exit 2).
 */
export async function fetchOnceCommand(
  services: Services,
  args: string[],
  { stdout, stderr }: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const chosen = chosenSources(args, new Set(services.config.sources.map((source) => source.id)));
  if ('error' in chosen) {
    stderr.write(`wirefeed fetch-once: ${chosen.error}\n`);
    return 2;
  }
  const reports = await runCycle(services, chosen.scope);
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

// `--source ID` (or `--source=ID`), repeatable: the scope, or what is wrong with the arguments.
function chosenSources(args: string[], known: Set<string>): { scope: CycleScope } | { error: string } {
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const id = arg.startsWith('--source=') ? arg.slice('--source='.length) : arg === '--source' ? args[++i] : undefined;
    if (id === undefined) return { error: arg === '--source' ? '--source needs a source id' : `unknown argument "${arg}"` };
    if (!known.has(id)) return { error: `no source "${id}" in the config` };
    ids.push(id);
  }
  return { scope: ids.length ? { sources: ids } : 'all' };
}
