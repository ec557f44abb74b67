import { buildServices, isAbsoluteBaseUrl, loadSettingsConfig } from './services.ts';
import { readSettings, type Settings } from './settings.ts';
import { DEFAULT_PREFIX } from '../store/index.ts';

// Each command's module is loaded when that command runs: `serve` loads no parser, worker or classifier.

const HELP = `wirefeed — deduplicated, region-curated news-wire feeds

Usage: wirefeed <command> [--config FILE] [args]

  start               worker and HTTP server (what \`npm start\` runs)
  worker              the scheduled worker only
  serve               the HTTP server only
  fetch-once          one pass over all sources, a summary per source
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

async function run(settings: Settings): Promise<number> {
  switch (settings.command) {
    case 'start':
      return serve(settings, { http: true, worker: true });
    case 'worker':
      return serve(settings, { http: false, worker: true });
    case 'serve':
      return serve(settings, { http: true, worker: false });
    case 'fetch-once': {
      const { fetchOnceCommand } = await import('./fetch-once.ts');
      const services = await buildServices(settings);
      try {
        return await fetchOnceCommand(services, io.stdout);
      } finally {
        await services.close();
      }
    }
    case 'sources': {
      const { sourcesCommand } = await import('./sources.ts');
      const services = await buildServices(settings, false);
      try {
        return await sourcesCommand(services.config, services.store, io.stdout);
      } finally {
        await services.close();
      }
    }
    case 'status': {
      const { statusCommand } = await import('./status.ts');
      return statusCommand(settings, io.stdout);
    }
    case 'check-config': {
      const { checkConfigCommand } = await import('./check-config.ts');
      return checkConfigCommand(settings.args.length ? settings.args : [settings.configFile], io);
    }
    case 'import-opml': {
      const { importOpmlCommand } = await import('./import-opml.ts');
      return importOpmlCommand(settings.args, settings.configFile, io);
    }
    case 'parse': {
      const { parseCommand } = await import('./parse.ts');
      return parseCommand(settings.args, io);
    }
    case 'classify': {
      const { classifyCommand } = await import('./classify.ts');
      const config = await loadSettingsConfig(settings);
      return classifyCommand(settings.args, io, config.regions);
    }
    case 'dedupe': {
      const { dedupeCommand } = await import('./dedupe.ts');
      const config = await loadSettingsConfig(settings);
      return dedupeCommand(settings.args, io, { windowHours: config.dedupe.windowHours });
    }
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(HELP);
      return 0;
    default:
      io.stderr.write(`wirefeed: unknown command "${settings.command}"\n\n${HELP}`);
      return 2;
  }
}

async function serve(settings: Settings, parts: { http: boolean; worker: boolean }): Promise<number> {
  // Until the service takes SIGHUP as "reload", one arriving while it starts must not end it.
  const starting = (): void => undefined;
  process.on('SIGHUP', starting);
  const { runService } = await import('./serve.ts');
  const services = await buildServices(settings, parts.worker).finally(() => process.off('SIGHUP', starting));
  // The push queue runs on one Redis; on a Cluster (several nodes listed) `serve` files pushes itself.
  const redisUrl = settings.redisUrl;
  const pushQueue = redisUrl && !redisUrl.includes(',') ? { redisUrl, prefix: settings.redisPrefix ?? DEFAULT_PREFIX } : undefined;
  await runService(services, {
    ...parts,
    port: settings.port,
    metricsPort: settings.metricsPort,
    fixedBaseUrl: isAbsoluteBaseUrl(settings.baseUrl),
    loadConfig: () => loadSettingsConfig(settings),
    pushQueue,
  });
  return 0;
}

try {
  process.exitCode = await run(readSettings(process.argv.slice(2), process.env));
} catch (error) {
  // Start-up failures (bad config, unreachable Redis) end here: one clear line, non-zero exit.
  io.stderr.write(`wirefeed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
