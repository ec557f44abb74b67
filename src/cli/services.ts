import pino, { type Logger } from 'pino';
import { loadConfig, type Config } from '../config/index.ts';
import { createClassifier } from '../classify/index.ts';
import { openStore, type Store } from '../store/index.ts';
import type { IngestDeps } from '../worker/index.ts';
import type { Settings } from './settings.ts';

const VERSION = '0.1.0';
/** Sent with every fetch so publishers can see who polls them and how to reach us. */
export const USER_AGENT = `wirefeed/${VERSION} (+https://github.com/wirefeed/wirefeed)`;

/** The long-lived parts a running service shares. */
export interface Services extends IngestDeps {
  close(): Promise<void>;
}

/** Logs go to stderr so that commands can write their results to stdout. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'wirefeed' } }, pino.destination(2));
}

/** Loads the config with BASE_URL applied. */
export async function loadSettingsConfig(settings: Settings): Promise<Config> {
  const config = await loadConfig(settings.configFile);
  if (settings.baseUrl) config.output.baseUrl = settings.baseUrl.replace(/\/+$/, '');
  return config;
}

/** Builds config, store, classifier and logger once, for the service commands. */
export async function buildServices(settings: Settings): Promise<Services> {
  const logger = createLogger(settings.logLevel);
  const config = await loadSettingsConfig(settings);
  const store: Store = await openStore({ redisUrl: settings.redisUrl, prefix: settings.redisPrefix, dataDir: settings.dataDir });
  logger.info({ store: settings.redisUrl ? 'redis' : 'embedded', sources: config.sources.length }, 'store opened');
  const classifier = createClassifier(config.regions);
  return {
    config,
    store,
    classifier,
    logger,
    userAgent: USER_AGENT,
    now: () => new Date(),
    close: () => store.close(),
  };
}
