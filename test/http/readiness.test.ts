// GET /readyz of the real app over a socket: 200 only when the config's last edit loaded, the store
// answers in time and a worker completed a poll recently; else 503 with every reason.
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.ts';
import { createReadiness, pollWindowMs } from '../../src/health/index.ts';
import { RedisStore } from '../../src/store/index.ts';
import { jsonOf, startTestApp, testConfig, type TestApp } from './test-app.ts';

interface ReadinessBody {
  ready: boolean;
  reasons: string[];
  lastPollAt: string | null;
}

let app: TestApp | undefined;
afterEach(() => app?.close());

async function readiness(app: TestApp): Promise<{ status: number; body: ReadinessBody; cacheControl: string | null }> {
  const response = await app.get('/readyz');
  return { status: response.status, body: await jsonOf<ReadinessBody>(response), cacheControl: response.headers.get('cache-control') };
}

describe('GET /readyz', () => {
  it('is 503 until a worker completed a poll, then 200, and 503 again once that poll is older than the window', async () => {
    app = await startTestApp();
    expect(await readiness(app)).toEqual({
      status: 503,
      body: { ready: false, reasons: ['polls: no worker has completed a poll yet'], lastPollAt: null },
      cacheControl: 'no-store',
    });
    const polled = new Date();
    await app.store.markPolled(polled);
    expect(await readiness(app)).toMatchObject({ status: 200, body: { ready: true, reasons: [], lastPollAt: polled.toISOString() } });

    const longAgo = new Date(Date.now() + 1000 - pollWindowMs(testConfig()) - 60_000);
    await app.close();
    app = await startTestApp();
    await app.store.markPolled(longAgo);
    expect(await readiness(app)).toMatchObject({
      status: 503,
      body: { ready: false, reasons: [`polls: no worker has completed a poll in the last 30 minutes (the last at ${longAgo.toISOString()})`] },
    });
  });

  it('is 503 while the config file holds an edit that did not load, naming the error', async () => {
    const status = { file: 'feeds.yaml', loadedAt: '2026-02-07T12:00:00.000Z', error: 'feeds.yaml:3: sources[0].url: invalid URL' };
    app = await startTestApp({ configStatus: () => status });
    await app.store.markPolled(new Date());
    expect(await readiness(app)).toMatchObject({
      status: 503,
      body: {
        ready: false,
        reasons: [
          'config: the last edit of feeds.yaml did not load, the config loaded at 2026-02-07T12:00:00.000Z runs: feeds.yaml:3: sources[0].url: invalid URL',
        ],
      },
    });
  });

  it('is 503 with the store error when the store fails, while /healthz stays the liveness check', async () => {
    app = await startTestApp();
    await app.store.close();
    expect(await readiness(app)).toMatchObject({ status: 503, body: { ready: false, reasons: ['store: the embedded store is closed'], lastPollAt: null } });
  });

  it('needs no poll when the config has no source', async () => {
    app = await startTestApp({ config: { ...testConfig(), sources: [] } });
    expect(await readiness(app)).toMatchObject({ status: 200, body: { ready: true, reasons: [] } });
  });
});

describe('the readiness check', () => {
  it('gives up on a store that does not answer within its timeout', async () => {
    // A socket that takes the connection and never replies: Redis as it looks when it hangs.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const redis = new Redis({ port: (silent.address() as { port: number }).port, host: '127.0.0.1', maxRetriesPerRequest: 1, lazyConnect: true });
    void redis.connect().catch(() => undefined);
    try {
      const check = createReadiness({ store: new RedisStore({ redis }), config: (): Config => testConfig(), timeoutMs: 200 });
      expect(await check()).toEqual({ ready: false, reasons: ['store: no answer within 200 ms'], lastPollAt: null });
    } finally {
      redis.disconnect();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('asks a poll within three times the shortest poll interval, within the configured bounds, at least 10 minutes', () => {
    const config = (minutes: number[], bounds = { minPollMinutes: 2, maxPollMinutes: 1440 }) => ({
      sources: minutes.map((pollIntervalMinutes) => ({ ...testConfig().sources[0]!, pollIntervalMinutes })),
      fetch: { ...testConfig().fetch, ...bounds },
    });
    expect(pollWindowMs(config([15, 60]))).toBe(45 * 60_000);
    expect(pollWindowMs(config([2]))).toBe(10 * 60_000);
    expect(pollWindowMs(config([1], { minPollMinutes: 5, maxPollMinutes: 1440 }))).toBe(15 * 60_000);
    expect(pollWindowMs(config([600], { minPollMinutes: 2, maxPollMinutes: 60 }))).toBe(180 * 60_000);
  });
});
