import type { Config } from '../config/index.ts';
import {
  ConfigError,
  errorClass,
  errorLabel,
  firstRunGuidance,
  firstRunMessage,
  sourceStanding,
  type SourceState,
  type SourceStanding,
} from '../domain/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { loadSettingsConfig } from './services.ts';
import type { Settings } from './settings.ts';
import { minute, table } from './table.ts';

// Counted up to this many a region: a listing is no count, and a busy region's exact number matters less than "plenty".
const COUNT_UP_TO = 200;
const DAY_MS = 86_400_000;
const TROUBLE: ReadonlySet<SourceStanding> = new Set(['failing', 'backing-off', 'retired']);

/**
 * `wirefeed status`: the service's health for an operator's terminal: whether the config file loads,
 * the store's size, when a worker last polled, how the sources stand (the failing ones with their
 * reasons) and each region's stories of the last 24 hours. Exit 1 when the config does not load.
 */
export async function statusCommand(settings: Settings, stdout: NodeJS.WritableStream, now = new Date()): Promise<number> {
  const config = await loadSettingsConfig(settings).catch((error: unknown) => {
    if (error instanceof ConfigError) return error;
    throw error;
  });
  const store = await openStore({ redisUrl: settings.redisUrl, prefix: settings.redisPrefix, dataDir: settings.dataDir });
  try {
    const where = settings.redisUrl ? 'Redis' : `SQLite in ${settings.dataDir}`;
    stdout.write(await renderStatus(store, where, config, now));
  } finally {
    await store.close();
  }
  return config instanceof ConfigError ? 1 : 0;
}

/** The status text: key lines, then the troubled sources and the regions as tables. */
export async function renderStatus(store: Store, where: string, config: Config | ConfigError, now: Date): Promise<string> {
  const [stats, polled] = await Promise.all([store.stats(), store.lastPolled()]);
  const size = stats.bytes === undefined ? '' : `, ${megabytes(stats.bytes)}`;
  const lines: [string, string][] = [
    [
      'config',
      config instanceof ConfigError
        ? `does not load: ${config.message}`
        : `${config.file}: ${config.sources.length} sources, ${config.regions.length} ${config.regions.length === 1 ? 'region' : 'regions'}`,
    ],
    ['store', `${where}: ${stats.stories} stories${size}`],
    ['last poll', polled ? `${minute(polled.toISOString())} (${ago(polled, now)})` : 'none yet'],
  ];
  if (config instanceof ConfigError) return keyLines(lines);
  const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
  const standings = config.sources.map((source) => ({ source, state: states.get(source.id), standing: sourceStanding(source, states.get(source.id), now) }));
  lines.push(['sources', standingCounts(standings.map((entry) => entry.standing))]);
  const guidance = firstRunGuidance(config.sources, states);
  if (guidance) lines.push(['first run', firstRunMessage(guidance)]);
  const troubled = standings.filter((entry) => TROUBLE.has(entry.standing));
  const parts = [keyLines(lines)];
  if (troubled.length > 0) {
    const rows = troubled.map(({ source, state, standing }) => [
      source.id,
      standing,
      minute(state?.lastFetchedAt),
      String(state?.consecutiveFailures ?? 0),
      reason(state),
    ]);
    parts.push(table(['FAILING', 'STATUS', 'LAST POLL', 'FAILS', 'REASON'], rows));
  }
  parts.push(table(['REGION', 'PUBLISHED 24H', 'LAST CHANGE'], await regionRows(store, config, now)));
  return parts.join('\n');
}

async function regionRows(store: Store, config: Config, now: Date): Promise<string[][]> {
  const versions = await store.feedVersions(config.regions.map((region) => ({ kind: 'region', id: region.id })));
  const since = new Date(now.getTime() - DAY_MS);
  return Promise.all(
    config.regions.map(async (region, i) => {
      const { stories } = await store.listStories({ region: region.id, since, limit: COUNT_UP_TO });
      const version = versions[i]?.version ?? 0;
      const count = stories.length === COUNT_UP_TO ? `${COUNT_UP_TO}+` : String(stories.length);
      return [region.id, count, version > 0 ? minute(new Date(version).toISOString()) : '-'];
    }),
  );
}

function reason(state: SourceState | undefined): string {
  const error = state?.lastError;
  return error ? `${errorLabel(errorClass(error))}: ${error}` : '-';
}

function standingCounts(standings: SourceStanding[]): string {
  const counts = new Map<SourceStanding, number>();
  for (const standing of standings) counts.set(standing, (counts.get(standing) ?? 0) + 1);
  const parts = [...counts].map(([standing, count]) => `${count} ${standing}`);
  return `${standings.length}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function keyLines(lines: [string, string][]): string {
  const width = Math.max(...lines.map(([key]) => key.length));
  return lines.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n') + '\n';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function ago(then: Date, now: Date): string {
  const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  return minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}
