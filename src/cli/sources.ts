import { apiSource } from '../http/index.ts';
import type { Config } from '../config/index.ts';
import type { Store } from '../store/index.ts';

type Row = ReturnType<typeof apiSource>;

const COLUMNS: [string, (row: Row) => string][] = [
  ['SOURCE', (row) => row.id],
  ['STATUS', (row) => row.status],
  ['LAST SUCCESS', (row) => minute(row.lastSuccessAt)],
  ['FAILS', (row) => String(row.consecutiveFailures)],
  ['NEXT POLL', (row) => minute(row.nextPollAt)],
  ['HTTP', (row) => (row.lastStatus === null ? '-' : String(row.lastStatus))],
  ['24H', (row) => String(row.itemsLast24h)],
  ['VALIDATORS', (row) => [row.validators.etag ? 'etag' : '', row.validators.lastModified ? 'last-modified' : ''].filter(Boolean).join(',') || '-'],
  ['MOVED TO', (row) => row.movedTo ?? (row.redirect ? `(${row.redirect.to}, ${row.redirect.polls}/3)` : '-')],
  ['LAST ERROR', (row) => row.lastError ?? '-'],
];

/** `wirefeed sources`: each configured source's standing and last poll, one table row each (as /api/sources). */
export async function sourcesCommand(config: Config, store: Store, stdout: NodeJS.WritableStream, now = new Date()): Promise<number> {
  const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
  const rows = config.sources.map((source) => apiSource(source, states.get(source.id), now));
  stdout.write(table(rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))));
  return 0;
}

// Columns padded to their widest cell; the last one (the error) runs free.
function table(cells: string[][]): string {
  const all = [COLUMNS.map(([title]) => title), ...cells];
  const widths = COLUMNS.map((_, column) => Math.max(...all.map((row) => row[column]?.length ?? 0)));
  return all.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')).join('\n') + '\n';
}

// Times to the minute, in UTC: what a newsroom compares at a glance.
function minute(iso: string | null): string {
  return iso === null ? '-' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}
