// `wirefeed start` as a newcomer runs it: no Redis configured, the embedded store under the data
// directory, stories kept across a restart; and `fetch-once` against the real Redis.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisStore } from '../../src/store/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts';
import { finished, freePort, runCli, startCli } from '../support/run-cli.ts';

let fixtures: FixtureServer;
let dir: string;
let configFile: string;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-cli-'));
  configFile = path.join(dir, 'feeds.yaml');
  await writeFile(configFile, configYaml());
});

afterAll(async () => {
  await fixtures?.close();
  await rm(dir, { recursive: true, force: true });
});

function configYaml(): string {
  return `regions:
  - { id: world, title: World, description: Every story, all: true }
  - { id: russia, title: Russia, description: Russia, countries: [RU] }
sources:
  - { id: wire-moscow, url: "${fixtures.url('wire/ria-world.rss')}", title: Wire Moscow, language: en }
  - { id: daily-outlet, url: "${fixtures.url('wire/outlet-world.atom')}", title: Daily Outlet, language: en }
  - { id: gone, url: "${fixtures.url('wire/no-such-feed.xml')}", title: Gone, language: en }
output:
  baseUrl: http://feeds.example.test
fetch:
  allowPrivateNetworks: true # the fixture server is on loopback
  concurrency: 1 # sources in config order, so the summary says which source holds the story and which its copy
  hostSpacingMs: 0 # every fixture is on one loopback host
`;
}

async function worldTitles(port: number): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:${port}/feeds/world.json`);
  const feed = (await response.json()) as { items: { title: string }[] };
  return feed.items.map((item) => item.title);
}

async function waitFor<T>(probe: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gave up waiting');
}

describe('wirefeed start on the embedded store', () => {
  it('polls, serves, stops on SIGTERM, and keeps every story across a restart', async () => {
    const env = { WIREFEED_DATA_DIR: path.join(dir, 'data'), PORT: String(await freePort()) };
    const service = startCli(['start', '--config', configFile], env);
    const exit = finished(service);
    const titles = await waitFor(
      () => worldTitles(Number(env.PORT)),
      (found) => found.length === 4,
    );
    service.kill('SIGTERM');
    expect((await exit).code).toBe(0);

    env.PORT = String(await freePort());
    const server = startCli(['serve', '--config', configFile], env);
    const served = finished(server);
    const after = await waitFor(
      () => worldTitles(Number(env.PORT)),
      () => true,
    );
    server.kill('SIGTERM');
    expect((await served).code).toBe(0);
    expect(after.sort()).toEqual(titles.sort());
  });
});

describe('wirefeed fetch-once', () => {
  // The Redis (and database) the tests are given, under a prefix of this run's own.
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `wirefeed-test:${randomUUID()}:`;

  it('prints a line per source, exits 0 although a source failed, and stores into Redis', async () => {
    const redis = new Redis(redisUrl);
    const store = new RedisStore({ redis: redis.duplicate(), prefix });
    try {
      const result = await runCli(['fetch-once', '--config', configFile], { env: { REDIS_URL: redisUrl, WIREFEED_REDIS_PREFIX: prefix } });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^wire-moscow +ok +2 items, 2 new stories, 0 copies$/m);
      expect(result.stdout).toMatch(/^daily-outlet +ok +3 items, 2 new stories, 1 copies$/m);
      expect(result.stdout).toMatch(/^gone +failed +fetch: 404 from 127\.0\.0\.1/m);
      expect(result.stdout).toMatch(/^3 sources, 1 failed$/m);
      const { stories } = await store.listStories({ region: 'world', limit: 10 });
      expect(stories).toHaveLength(4);
      // Stories reach Redis with their content sanitized, and nothing of the publisher's HTML.
      const kurils = stories.find((story) => story.item?.url === 'https://wire-moscow.example/world/20260207/kurils-claim.html');
      expect(kurils?.item.contentHtml).toMatch(/^<p>MOSCOW, February 7 .*never signed a peace treaty\.<\/p>$/);
      expect(stories.filter((story) => 'publisherHtml' in story.item || /<script/.test(story.item.contentHtml ?? ''))).toEqual([]);
    } finally {
      await store.close();
      const keys = await redis.keys(`*${prefix.slice(0, -1)}*`);
      if (keys.length) await redis.unlink(...keys);
      await redis.quit();
    }
  });

  it('exits non-zero with one clear line when the run cannot start', async () => {
    const result = await runCli(['fetch-once', '--config', path.join(dir, 'missing.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wirefeed: config: .*missing\.yaml: file not found$/m);
  });
});
