import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import { DEMO_FEEDS, demoConfig, startDemoFeedServer } from '../demo/index.ts';
import { loadSettingsConfig } from './services.ts';
import type { Settings } from './settings.ts';

// Shipped beside config/: src/cli and dist/cli both sit two levels below the package root.
const DEMO_FEEDS_DIR = fileURLToPath(new URL('../../demo/feeds/', import.meta.url));

/** A demo being run: the settings and config it runs with, and its feed server to close after. */
export interface DemoRun {
  /** The settings with the demo's own embedded store (`<data dir>/demo`), never Redis. */
  settings: Settings;
  /** The config file read again (for reloads) and turned into the demo's. */
  loadConfig(): Promise<Config>;
  /** Logs, once, that this is the demo and how to run for real. */
  announce(logger: Logger): void;
  close(): Promise<void>;
}

/** Whether `start --demo` was asked for; `--demo` with any other command is refused. */
export function wantsDemo(settings: Settings): boolean {
  if (!settings.args.includes('--demo')) return false;
  if (settings.command !== 'start') throw new Error(`cli: --demo goes with start only (wirefeed start --demo), not with ${settings.command}`);
  return true;
}

/** Starts the demo's loopback feed server and gives what `start` needs to run over it. */
export async function openDemo(settings: Settings): Promise<DemoRun> {
  const server = await startDemoFeedServer(
    DEMO_FEEDS_DIR,
    DEMO_FEEDS.map((feed) => feed.file),
  );
  // A real store, embedded or on Redis, never receives demo stories.
  const demoSettings: Settings = { ...settings, redisUrl: undefined, redisPrefix: undefined, dataDir: path.join(settings.dataDir, 'demo') };
  return {
    settings: demoSettings,
    loadConfig: async () => demoConfig(await loadSettingsConfig(settings), DEMO_FEEDS, server.baseUrl),
    announce(logger) {
      logger.info(
        {
          demo: true,
          feeds: DEMO_FEEDS.length,
          feedServer: server.baseUrl,
          dataDir: demoSettings.dataDir,
          ignoredRedisUrl: settings.redisUrl ? true : undefined,
        },
        `demo: polling ${DEMO_FEEDS.length} sample feeds served from this process (no network needed); stories are kept in ${demoSettings.dataDir}, apart from a real store. This is not live news: to run for real, run \`npm start\` (wirefeed start without --demo), which polls the sources of ${settings.configFile}`,
      );
    },
    close: () => server.close(),
  };
}
