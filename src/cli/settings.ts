import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The config shipped with the package, used when the working directory has none of its own.
const PACKAGED_CONFIG = fileURLToPath(new URL('../../config/feeds.yaml', import.meta.url));

/** Everything wirefeed takes from the command line and the environment, read once here. */
export interface Settings {
  command: string;
  args: string[];
  configFile: string;
  redisUrl?: string;
  /** Prefix of every Redis key (its hash tag on Cluster); several deployments can share one Redis. */
  redisPrefix?: string;
  port: number;
  /** A port of its own for /metrics, /readyz and /healthz (how `worker`, which serves no HTTP, is watched). */
  metricsPort?: number;
  baseUrl?: string;
  logLevel: string;
  dataDir: string;
  /** BullMQ lock time (ms) of the worker's jobs: how soon a dead worker's sources are taken over. */
  queueLockMs?: number;
}

/** Reads argv (`wirefeed <command> [--config FILE] [args…]`) and the environment. */
export function readSettings(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const rest = [...argv];
  let configFile = env.WIREFEED_CONFIG || defaultConfigFile();
  const configAt = rest.findIndex((arg) => arg === '--config' || arg.startsWith('--config='));
  if (configAt >= 0) {
    const [flag] = rest.splice(configAt, 1) as [string];
    configFile = flag.includes('=') ? flag.slice('--config='.length) : (rest.splice(configAt, 1)[0] ?? '');
    if (!configFile) throw new Error('cli: --config needs a file');
  }
  const port = portNumber('PORT', env.PORT || '8080');
  const metricsPort = env.METRICS_PORT ? portNumber('METRICS_PORT', env.METRICS_PORT) : undefined;
  const queueLockMs = env.WIREFEED_QUEUE_LOCK_MS ? Number(env.WIREFEED_QUEUE_LOCK_MS) : undefined;
  if (queueLockMs !== undefined && !(Number.isInteger(queueLockMs) && queueLockMs >= 1000)) {
    throw new Error(`cli: WIREFEED_QUEUE_LOCK_MS must be a whole number of milliseconds, at least 1000, got "${env.WIREFEED_QUEUE_LOCK_MS}"`);
  }
  return {
    command: rest.shift() ?? 'help',
    args: rest,
    configFile,
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.WIREFEED_REDIS_PREFIX || undefined,
    port,
    metricsPort,
    baseUrl: env.BASE_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    dataDir: path.resolve(env.WIREFEED_DATA_DIR || 'data'),
    queueLockMs,
  };
}

function portNumber(variable: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`cli: ${variable} must be a port number, got "${value}"`);
  return port;
}

function defaultConfigFile(): string {
  return existsSync('config/feeds.yaml') ? 'config/feeds.yaml' : PACKAGED_CONFIG;
}
