import { readFileSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { configKey, loadConfig, type Config } from '../config/index.ts';
import type { Classifier } from '../classify/index.ts';
import type { Region } from '../domain/index.ts';
import { buildUserAgent, createFetchAgent } from '../fetch/index.ts';
import { connectRedis, hashTag, openStore, type Store } from '../store/index.ts';
import { createStateBatch, type IngestDeps, type QueueSettings } from '../worker/index.ts';
import type { Settings } from './settings.ts';

// src/cli and dist/cli both sit two levels below package.json.
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The long-lived parts a running service shares. */
export interface Services extends IngestDeps {
  /** Classifies by these regions from the next story on (after a config reload changed them). */
  useRegions(regions: Region[]): void;
  /** With Redis: connects the worker's BullMQ queue (closed by `close`). */
  openQueue?: () => Promise<QueueSettings>;
  /** Builds the classifier's gazetteer now, not inside the first poll (seconds of CPU a queued job's lock must not wait out). */
  prepareClassifier?: () => void;
  close(): Promise<void>;
}

/** A classifier whose regions can follow a reloaded config. */
interface RegionalClassifier extends Classifier {
  useRegions(regions: Region[]): void;
  /** Builds the gazetteer now, not inside the first poll (seconds of CPU a queued job's lock must not wait out). */
  prepare(): void;
}

/**
 * Logs go to stderr so that commands can write their results to stdout. Writes are asynchronous:
 * lines logged while a write is under way go out together (a busy server logs each request), and
 * whatever is left is flushed when the process exits.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'wirefeed' } }, pino.destination({ dest: 2, sync: false }));
}

/** Loads the config with BASE_URL applied. */
export async function loadSettingsConfig(settings: Settings): Promise<Config> {
  const config = await loadConfig(settings.configFile);
  if (settings.baseUrl) config.output.baseUrl = applyBaseUrl(settings.baseUrl, config.output.baseUrl);
  return config;
}

/** Whether BASE_URL names the whole public address (scheme, host, port), so nothing may adjust it. */
export function isAbsoluteBaseUrl(baseUrl: string | undefined): boolean {
  return baseUrl !== undefined && /^https?:\/\//i.test(baseUrl) && URL.canParse(baseUrl);
}

// An absolute BASE_URL replaces output.baseUrl; one starting with "/" is a path on its host (as
// Vite, and so vitest, set BASE_URL="/" for the processes they start); anything else is refused.
function applyBaseUrl(baseUrl: string, configured: string): string {
  if (isAbsoluteBaseUrl(baseUrl)) return baseUrl.replace(/\/+$/, '');
  if (baseUrl.startsWith('/')) return new URL(baseUrl, configured).href.replace(/\/+$/, '');
  throw new Error(`cli: BASE_URL must be an absolute http(s) URL (or a path starting with "/"), got "${baseUrl.slice(0, 80)}"`);
}

/**
 * The classifier of a command that ingests: its code loaded now, its gazetteer (≈200 MB, seconds)
 * built on the first story it classifies, and again on the first after its regions change.
 * `serve` never classifies and loads none of it.
 */
export async function classifierFor(initial: Region[], ingests: boolean): Promise<RegionalClassifier> {
  if (!ingests) {
    return {
      classify: () => {
        throw new Error('cli: this command serves and does not classify');
      },
      useRegions: () => undefined,
      prepare: () => undefined,
    };
  }
  const { createClassifier } = await import('../classify/index.ts');
  let regions = initial;
  let built: Classifier | undefined;
  return {
    classify: (input) => (built ??= createClassifier(regions)).classify(input),
    useRegions: (next) => {
      if (configKey(next) === configKey(regions)) return;
      regions = next;
      built = undefined;
    },
    prepare: () => void (built ??= createClassifier(regions)),
  };
}

/**
 * Builds config, store, classifier and logger once, for the service commands; `ingests` is false
 * for `serve`; `load` reads the config (the demo's is made from the file's).
 */
export async function buildServices(settings: Settings, ingests = true, load = () => loadSettingsConfig(settings)): Promise<Services> {
  const logger = createLogger(settings.logLevel);
  const config = await load();
  const store: Store = await openStore({ redisUrl: settings.redisUrl, prefix: settings.redisPrefix, dataDir: settings.dataDir });
  logger.info({ store: settings.redisUrl ? 'redis' : 'embedded', sources: config.sources.length }, 'store opened');
  const classifier = await classifierFor(config.regions, ingests);
  const agent = createFetchAgent(config.fetch);
  const queues: QueueSettings[] = [];
  const { redisUrl } = settings;
  const openQueue = async (): Promise<QueueSettings> => {
    const connection = await connectRedis(redisUrl as string, 5, { queue: true });
    queues.push({ connection, prefix: hashTag(settings.redisPrefix), lockMs: settings.queueLockMs });
    return queues.at(-1) as QueueSettings;
  };
  return {
    config,
    store,
    classifier,
    useRegions: (regions) => classifier.useRegions(regions),
    logger,
    agent,
    // Sent with every fetch so publishers can see who polls them and how to reach us.
    userAgent: buildUserAgent(VERSION, config.fetch.contactUrl),
    now: () => new Date(),
    fileState: createStateBatch(store),
    openQueue: redisUrl ? openQueue : undefined,
    prepareClassifier: () => classifier.prepare(),
    async close() {
      await agent.close();
      await store.close();
      for (const queue of queues) await queue.connection.quit();
    },
  };
}
