// How a WebSub push reaches the pipeline in each deployment, with real processes: `start` files it
// in-process; `serve` beside a `worker` on one SQLite file loads the pipeline on its first push; `serve`
// beside a `worker` on Redis queues it (BullMQ, under the store's prefix) for the worker to file.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/index.ts';
import { finished, freePort, startCli } from '../support/run-cli.ts';
import { startWebSubHub, type WebSubHub } from '../support/websub-hub.ts';

const FIRST = 'Japanese premier visits Tokyo flood zone';
const PUSHED = 'Kenyan parliament passes the Nairobi transit budget';

const rss = (titles: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link><description>Wire</description>
${titles.map((title) => `<item><title>${title}</title><link>https://wire.example.org/${title.length}</link><description>${title}. More text follows.</description><pubDate>Fri, 04 Dec 2026 10:0${title === PUSHED ? 5 : 0}:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function feedServer(hub: WebSubHub): Promise<string> {
  let url = '';
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml', Link: `<${hub.url}>; rel="hub", <${url}>; rel="self"` });
    res.end(rss([FIRST]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wire.rss`;
  return url;
}

function run(command: string, configFile: string, env: NodeJS.ProcessEnv): void {
  const child: ChildProcess = startCli([command, '--config', configFile], env);
  const exit = finished(child);
  cleanups.push(async () => {
    child.kill('SIGTERM');
    const { code, stderr } = await exit;
    expect({ command, code, errors: stderr.split('\n').filter((line) => line.includes('"level":50')) }).toEqual({ command, code: 0, errors: [] });
  });
}

async function until<T>(what: string, probe: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}`);
}

const titles = async (port: number): Promise<string[]> => {
  const body = (await (await fetch(`http://127.0.0.1:${port}/api/stories`)).json()) as { stories: Array<{ title: string }> };
  return body.stories.map((story) => story.title);
};

// The shared Redis, under a prefix of this test's own, its keys removed after.
function redisUnderOwnPrefix(): { prefix: string; redis: Redis } {
  const prefix = `wirefeed-test:${randomUUID()}:`;
  const redis = new Redis(redisUrl);
  cleanups.push(async () => {
    const keys = await redis.keys(RedisStore.keyPattern(prefix));
    if (keys.length) await redis.unlink(...keys);
    await redis.quit();
  });
  return { prefix, redis };
}

/** Starts the deployment's processes; a worker subscribes, the hub verifies against `serve`, then pushes. */
async function pushThrough(commands: string[], env: NodeJS.ProcessEnv): Promise<{ titles: string[]; hub: WebSubHub }> {
  const hub = await startWebSubHub({ leaseSeconds: 600 });
  cleanups.push(() => hub.close());
  const feed = await feedServer(hub);
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-websub-cli-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const port = await freePort();
  const configFile = path.join(dir, 'feeds.yaml');
  await writeFile(
    configFile,
    `regions:
  - { id: world, title: World, description: Every story, all: true }
sources:
  - { id: wire, url: "${feed}", title: Wire, language: en }
output:
  baseUrl: http://127.0.0.1:${port}
  publicUrl: http://127.0.0.1:${port}
fetch:
  allowPrivateNetworks: true
`,
  );
  for (const command of commands) {
    // Hubs reach `serve` when there is one; a `start` beside it listens elsewhere.
    const own = command === 'start' && commands.includes('serve') ? await freePort() : port;
    run(command, configFile, { WIREFEED_DATA_DIR: path.join(dir, 'data'), ...env, PORT: String(own) });
  }
  await until(
    'the hub verified the subscription',
    async () => hub.verifications,
    (done) => done.some((v) => v.echoed),
  );
  await until(
    'the polled story',
    () => titles(port),
    (found) => found.includes(FIRST),
  );
  expect(await hub.publish(feed, rss([PUSHED, FIRST]), 'application/rss+xml')).toEqual([202]);
  return {
    titles: await until(
      'the pushed story',
      () => titles(port),
      (found) => found.includes(PUSHED),
    ),
    hub,
  };
}

describe('a WebSub push in each deployment', () => {
  it('`start` files it in-process', async () => {
    const { titles: found, hub } = await pushThrough(['start'], {});
    expect(found).toEqual([PUSHED, FIRST]);
    expect(hub.requests).toHaveLength(1);
  });

  it('`serve` beside a `worker` on one SQLite file files it itself, loading the pipeline on the first push', async () => {
    const { titles: found } = await pushThrough(['worker', 'serve'], {});
    expect(found).toEqual([PUSHED, FIRST]);
  });

  it('`serve` beside a `worker` on Redis queues it for the worker', async () => {
    const { prefix, redis } = redisUnderOwnPrefix();
    const { titles: found } = await pushThrough(['worker', 'serve'], { REDIS_URL: redisUrl, WIREFEED_REDIS_PREFIX: prefix });
    expect(found).toEqual([PUSHED, FIRST]);
    // The queue lives under the store's prefix, so one key pattern finds (and cleans) it.
    expect((await redis.keys(RedisStore.keyPattern(prefix))).some((key) => key.includes(':queue:push:'))).toBe(true);
  });

  it('`serve` beside a `start` on Redis queues it for the worker of `start`', async () => {
    const { prefix } = redisUnderOwnPrefix();
    const { titles: found } = await pushThrough(['start', 'serve'], { REDIS_URL: redisUrl, WIREFEED_REDIS_PREFIX: prefix });
    expect(found).toEqual([PUSHED, FIRST]);
  });
});
