import { openDemo, wantsDemo, type DemoRun } from './demo.ts';
import { buildServices, isAbsoluteBaseUrl, loadSettingsConfig } from './services.ts';
import { readSettings, type Settings } from './settings.ts';
import { NOTHING_HELD, signalExitCode, watchStopSignals, type HeldSignals } from './stop-signals.ts';
import { DEFAULT_PREFIX } from '../store/index.ts';

// Each command's module is loaded when that command runs: `serve` loads no parser, worker or classifier.

const HELP = `wirefeed — deduplicated, region-curated news-wire feeds

Usage: wirefeed <command> [--config FILE] [args]

  start               worker and HTTP server (what \`npm start\` runs)
                      [--demo] (sample feeds served by the process itself, no network; \`npm run demo\`)
  worker              the scheduled worker only
  serve               the HTTP server only
  fetch-once          one pass over all sources, a summary per source
                      [--source ID]… (only those sources)
  sources             each source's status, last success and error, next poll (a table)
  status              health: config, store size, last poll, failing sources, stories per region
  check-config [FILE] validate a config file
  import-opml FILE    an OPML export → a sources file for the config to include
                      [--out FILE] [--language TAG] [--force]
  parse FILE          a feed file's normalized items as JSON
  classify            JSON lines {id,title,body} on stdin → {id,countries,regions} on stdout
  dedupe              JSON lines {id,title,body,url,source,published} on stdin → {id,duplicateOf} on stdout

Environment: WIREFEED_CONFIG, REDIS_URL, PORT, METRICS_PORT, BASE_URL, LOG_LEVEL, WIREFEED_DATA_DIR (see README).
`;

const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

type Command = (settings: Settings) => Promise<number>;

// The long-running commands: which parts each runs. A signal stops them cleanly at any moment.
const SERVICES = new Map([
  ['start', { http: true, worker: true }],
  ['worker', { http: false, worker: true }],
  ['serve', { http: true, worker: false }],
]);

// The commands that do one thing and exit.
const ONE_SHOTS = new Map<string, Command>([
  [
    'fetch-once',
    async (settings) => {
      const { fetchOnceCommand } = await import('./fetch-once.ts');
      const services = await buildServices(settings);
      try {
        return await fetchOnceCommand(services, settings.args, io);
      } finally {
        await services.close();
      }
    },
  ],
  [
    'sources',
    async (settings) => {
      const { sourcesCommand } = await import('./sources.ts');
      const services = await buildServices(settings, false);
      try {
        return await sourcesCommand(services.config, services.store, io.stdout);
      } finally {
        await services.close();
      }
    },
  ],
  [
    'status',
    async (settings) => {
      const { statusCommand } = await import('./status.ts');
      return statusCommand(settings, io.stdout);
    },
  ],
  [
    'check-config',
    async (settings) => {
      const { checkConfigCommand } = await import('./check-config.ts');
      return checkConfigCommand(settings.args.length ? settings.args : [settings.configFile], io);
    },
  ],
  [
    'import-opml',
    async (settings) => {
      const { importOpmlCommand } = await import('./import-opml.ts');
      return importOpmlCommand(settings.args, settings.configFile, io);
    },
  ],
  [
    'parse',
    async (settings) => {
      const { parseCommand } = await import('./parse.ts');
      return parseCommand(settings.args, io);
    },
  ],
  [
    'classify',
    async (settings) => {
      const { classifyCommand } = await import('./classify.ts');
      const config = await loadSettingsConfig(settings);
      return classifyCommand(settings.args, io, config.regions);
    },
  ],
  [
    'dedupe',
    async (settings) => {
      const { dedupeCommand } = await import('./dedupe.ts');
      const config = await loadSettingsConfig(settings);
      return dedupeCommand(settings.args, io, { windowHours: config.dedupe.windowHours });
    },
  ],
]);

const HELP_WORDS = new Set(['help', '--help', '-h']);

/** Every command `wirefeed` runs (besides help); any other is refused with the usage. */
export const COMMANDS: readonly string[] = [...SERVICES.keys(), ...ONE_SHOTS.keys()];

/**
 * Runs `wirefeed ARGV` and returns its exit status. `held` is what bin/wirefeed.js held while this
 * module loaded: a service starting stops at once (exit 0); another command, which has done nothing
 * yet, ends with the status the signal would have given it.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv, held: HeldSignals = NOTHING_HELD): Promise<number> {
  try {
    const settings = readSettings(argv, env);
    const parts = SERVICES.get(settings.command);
    if (parts) return await serve(settings, parts, held);
    const signal = held.take();
    if (signal) return signalExitCode(signal);
    return await runOnce(settings);
  } catch (error) {
    held.take();
    // Start-up failures (bad config, unreachable Redis) end here: one clear line, non-zero exit.
    io.stderr.write(`wirefeed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function runOnce(settings: Settings): Promise<number> {
  const command = ONE_SHOTS.get(settings.command);
  if (command) return command(settings);
  if (HELP_WORDS.has(settings.command)) {
    io.stdout.write(HELP);
    return 0;
  }
  io.stderr.write(`wirefeed: unknown command "${settings.command}"\n\n${HELP}`);
  return 2;
}

// Stop signals are watched before anything opens, so one arriving while the store opens or the
// parts start ends start-up there: whatever was opened is closed, and the exit is 0 as for any stop.
async function serve(settings: Settings, parts: { http: boolean; worker: boolean }, held: HeldSignals): Promise<number> {
  // Until the service takes SIGHUP as "reload", one arriving while it starts must not end it.
  const starting = (): void => undefined;
  process.on('SIGHUP', starting);
  const stop = watchStopSignals(held);
  let demo: DemoRun | undefined;
  try {
    const { runService } = await import('./serve.ts');
    // Stopped while loading: nothing is open yet, so there is nothing to close.
    if (stop.signal.aborted) return 0;
    if (wantsDemo(settings)) demo = await openDemo(settings);
    const run = demo?.settings ?? settings;
    const loadConfig = demo?.loadConfig ?? (() => loadSettingsConfig(settings));
    const services = await buildServices(run, parts.worker, loadConfig).finally(() => process.off('SIGHUP', starting));
    demo?.announce(services.logger);
    // The push queue runs on one Redis; on a Cluster (several nodes listed) `serve` files pushes itself.
    const redisUrl = run.redisUrl;
    const pushQueue = redisUrl && !redisUrl.includes(',') ? { redisUrl, prefix: settings.redisPrefix ?? DEFAULT_PREFIX } : undefined;
    await runService(services, {
      ...parts,
      port: settings.port,
      metricsPort: settings.metricsPort,
      fixedBaseUrl: isAbsoluteBaseUrl(settings.baseUrl),
      loadConfig,
      pushQueue,
      stop: stop.signal,
    });
    return 0;
  } finally {
    process.off('SIGHUP', starting);
    await demo?.close();
    stop.dispose();
  }
}
