import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';
import { StoreError } from '../../domain/index.ts';

/** How to reach Redis beyond its URL. */
export interface ConnectOptions {
  /** Treat even a single-node URL as a seed of a Redis Cluster. */
  cluster?: boolean;
  /** For a BullMQ queue: commands wait for a reconnect instead of failing (`maxRetriesPerRequest: null`). */
  queue?: boolean;
}

/**
 * Connects eagerly, retrying a few times (Redis may still be starting), then fails clearly. A URL
 * listing several nodes (`redis://h1:6379,h2:6379` or `redis://h1:6379,redis://h2:6379`), or
 * `cluster: true`, gives a Redis Cluster client seeded with those nodes; the first URL's user,
 * password and TLS apply to every node.
 */
export async function connectRedis(url: string, attempts: number, options: ConnectOptions = {}): Promise<Redis | Cluster> {
  let ready = false;
  let lastError: unknown;
  // Before the first connection our loop below retries; once up, reconnect with capped backoff.
  const retry = (times: number) => (ready ? Math.min(times * 200, 2000) : null);
  const redis = openClient(url, options, retry);
  // Connection errors surface through the commands that fail; without a listener ioredis prints them.
  redis.on('error', (error: unknown) => {
    lastError = error;
  });
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await redis.connect();
      ready = true;
      return redis;
    } catch (error) {
      lastError ??= error;
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, attempt * 200));
    }
  }
  redis.disconnect();
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  const what = redis instanceof Cluster ? 'Redis Cluster' : 'Redis';
  throw new StoreError(`store: cannot connect to ${what} at ${redactUrl(url)} after ${attempts} attempts: ${reason}`, {
    cause: lastError,
  });
}

function openClient(url: string, options: ConnectOptions, retry: (times: number) => number | null): Redis | Cluster {
  const common: RedisOptions = { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: options.queue ? null : 2 };
  const parts = url.split(',').map((part) => part.trim());
  if (parts.length === 1 && !options.cluster) return new Redis(url, { ...common, retryStrategy: retry });
  const first = parseUrl(parts[0] as string, url);
  if (first.pathname.length > 1 && first.pathname !== '/0') {
    throw new StoreError(`store: a Redis Cluster has only database 0, but ${redactUrl(url)} names ${first.pathname.slice(1)}`);
  }
  const nodes: ClusterNode[] = parts.map((part) => {
    const node = part.includes('://') ? parseUrl(part, url) : parseUrl(`${first.protocol}//${part}`, url);
    return { host: node.hostname, port: Number(node.port || 6379) };
  });
  const redisOptions: RedisOptions = {
    ...common,
    username: decodeURIComponent(first.username) || undefined,
    password: decodeURIComponent(first.password) || undefined,
    tls: first.protocol === 'rediss:' ? {} : undefined,
  };
  return new Cluster(nodes, { lazyConnect: true, redisOptions, clusterRetryStrategy: retry });
}

function parseUrl(part: string, whole: string): URL {
  try {
    return new URL(part);
  } catch (error) {
    throw new StoreError(`store: ${redactUrl(whole)} is not a Redis URL`, { cause: error });
  }
}

/** A Redis URL (or comma-separated list of them) with its passwords masked: messages and logs must not carry them. */
export function redactUrl(url: string): string {
  return url
    .split(',')
    .map((part) => {
      if (!part.includes('://')) return part.includes('@') ? '***@' + part.slice(part.lastIndexOf('@') + 1) : part;
      try {
        const parsed = new URL(part.trim());
        if (parsed.password) parsed.password = '***';
        return parsed.toString();
      } catch {
        return 'an unparseable URL';
      }
    })
    .join(',');
}
