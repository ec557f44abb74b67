import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { parseConfig } from '../../src/config/index.ts';
import { createClassifier } from '../../src/classify/index.ts';
import { createFetchAgent } from '../../src/fetch/index.ts';
import { createApp } from '../../src/http/index.ts';
import { RedisStore } from '../../src/store/index.ts';
import { runCycle, type SourceReport } from '../../src/worker/index.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { listen } from './listen.ts';

/** One worker cycle into the real Redis (own key prefix), then the real app on a socket. */
export interface Served {
  reports: SourceReport[];
  baseUrl: string;
  /** The URL the fixture server serves a fixture file at. */
  fixtureUrl(fixturePath: string): string;
  /** GETs a path of the app, failing on anything but 200. */
  get(path: string): Promise<string>;
  close(): Promise<void>;
}

/** Serves the fixtures, runs one cycle over the config `yaml(fixtures)` and starts the app. */
export async function ingestAndServe(yaml: (fixtures: FixtureServer) => string, now: Date): Promise<Served> {
  const fixtures = await startFixtureServer();
  const config = parseConfig(yaml(fixtures), 'e2e.yaml');
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `wirefeed-test:${randomUUID()}:`;
  const store = new RedisStore({ redis: redis.duplicate(), prefix });
  const logger = pino({ level: 'silent' });
  const classifier = createClassifier(config.regions);
  const agent = createFetchAgent(config.fetch);
  const deps = { config, store, classifier, logger, agent, userAgent: 'wirefeed-test', now: () => now };
  const reports = await runCycle(deps, 'all');
  const server = await listen(createApp({ store, config, logger }));
  return {
    reports,
    baseUrl: server.baseUrl,
    fixtureUrl: (fixturePath) => fixtures.url(fixturePath),
    async get(path) {
      const response = await fetch(`${server.baseUrl}${path}`);
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
      return response.text();
    },
    async close() {
      await server.close();
      await agent.close();
      await store.close();
      const keys = await redis.keys(RedisStore.keyPattern(prefix));
      if (keys.length) await redis.unlink(...keys);
      await redis.quit();
      await fixtures.close();
    },
  };
}
