import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { configKey, type Config, type ConfigStatus } from '../config/index.ts';
import { ConfigError } from '../domain/index.ts';

/** What a config watch is built from. */
export interface ConfigWatchDeps {
  initial: Config;
  /** Reads and validates the config file again; throws ConfigError for an invalid edit. */
  load: () => Promise<Config>;
  /** Puts a newly loaded config to use. */
  apply: (config: Config) => void;
  logger: Logger;
  /** Quiet time after the last change before reloading: editors write a file in several steps. */
  debounceMs?: number;
}

/** A running process's config: its status, reloads on demand, and the file watch behind it. */
export interface ConfigWatch {
  /** The config last loaded. */
  config(): Config;
  status(): ConfigStatus;
  /** Loads the files again now (as SIGHUP does); an invalid edit keeps the running config. */
  reload(reason: string): Promise<void>;
  close(): void;
}

/**
 * Watches the config file and its includes and reloads them after a change. The directories are
 * watched, not the files: editors save by writing a new file and renaming it over the old one,
 * which a watch on the old file would never see.
 */
export function watchConfig(deps: ConfigWatchDeps): ConfigWatch {
  const { logger, debounceMs = 250 } = deps;
  let current = deps.initial;
  let status: ConfigStatus = { file: current.file, loadedAt: new Date().toISOString() };
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();

  const load = async (reason: string): Promise<void> => {
    try {
      const config = await deps.load();
      const changed = configKey(config) !== configKey(current);
      current = config;
      status = { file: config.file, loadedAt: new Date().toISOString() };
      if (changed) deps.apply(config);
      logger.info({ reason, changed, sources: config.sources.length, regions: config.regions.length }, 'config reloaded');
      follow(config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      status = { ...status, error: error.message };
      logger.error({ reason, error: error.message }, 'config not reloaded: the running config stays');
    }
  };
  // One reload at a time, in order: a change during a reload is read by the next one.
  const reload = (reason: string): Promise<void> => {
    const next = queue.then(() => load(reason));
    // A reload that failed unexpectedly is the caller's to log; the next one still runs.
    queue = next.catch(() => undefined);
    return next;
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload('file changed').catch((error: unknown) => logger.error({ err: error }, 'config reload failed')), debounceMs);
  };
  const follow = (config: Config): void => {
    for (const watcher of watchers) watcher.close();
    watchers = watchDirectories(filesOf(config), schedule, logger);
  };

  follow(current);
  return {
    config: () => current,
    status: () => status,
    reload,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

function filesOf(config: Config): string[] {
  return [config.file, ...(config.includes ?? [])].map((file) => path.resolve(file));
}

// One watch per directory, calling back for the names of the given files only.
function watchDirectories(files: string[], changed: () => void, logger: Logger): FSWatcher[] {
  const byDirectory = new Map<string, Set<string>>();
  for (const file of files) byDirectory.set(path.dirname(file), (byDirectory.get(path.dirname(file)) ?? new Set()).add(path.basename(file)));
  return [...byDirectory].flatMap(([directory, names]) => {
    try {
      const watcher = watch(directory, (_event, name) => {
        // Some platforms give no name; then any change in the directory may be ours.
        if (name === null || names.has(name)) changed();
      });
      watcher.on('error', (error) => logger.warn({ err: error, directory }, 'config watch stopped'));
      return [watcher];
    } catch (error) {
      logger.warn({ err: error, directory }, 'config directory not watched; SIGHUP still reloads');
      return [];
    }
  });
}
