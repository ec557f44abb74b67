import { apiSource } from '../http/index.ts';
import type { Config } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { minute, table } from './table.ts';

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
  stdout.write(
    table(
      COLUMNS.map(([title]) => title),
      rows.map((row) => COLUMNS.map(([, cell]) => cell(row))),
    ),
  );
  return 0;
}
