import { Redis } from 'ioredis';
import { StoreError } from '../../domain/index.ts';

/** Connects eagerly, retrying a few times (Redis may still be starting), then fails clearly. */
export async function connectRedis(url: string, attempts: number): Promise<Redis> {
  let ready = false;
  let lastError: unknown;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 2,
    // Before the first connection our loop below retries; once up, reconnect with capped backoff.
    retryStrategy: (times) => (ready ? Math.min(times * 200, 2000) : null),
  });
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
  throw new StoreError(`store: cannot connect to Redis at ${redactUrl(url)} after ${attempts} attempts: ${reason}`, {
    cause: lastError,
  });
}

/** A Redis URL with its password masked: messages and logs must not carry it. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparseable URL';
  }
}
