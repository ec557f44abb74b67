// `npm run soak [-- --minutes 10 --feeds 2000]` (issue 13): the service as a newsroom runs it, for a
// while, with a fault in the middle. 3 `wirefeed worker` and 2 `wirefeed serve` processes on a
// private redis-server with AOF; a farm of feeds (in this process) whose content changes every 30 s;
// autocannon at a steady rate against both serves; Redis stopped and started again at half time.
// Then every source is polled once more and the store is checked against every item the farm ever
// published: none missing, none stored twice. Figures: 5xx outside and inside the restart window,
// RSS of each process and Redis memory after warm-up and at the end.
import type { ChildProcess } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/index.ts';
import { identifyEntries } from '../../src/normalize/index.ts';
import { parseFeed } from '../../src/parse/index.ts';
import { RedisStore } from '../../src/store/index.ts';
import { startFeedFarm, writeFarmConfig } from '../../test/support/feed-farm.ts';
import { finished, freePort, startCli } from '../../test/support/run-cli.ts';
import { startRedisServer, type RedisServer } from '../../test/support/redis-servers.ts';
import { allStories, feedOf, holdersOf, repeated } from '../../test/reliability/farm-checks.ts';
import { fmt, type BenchSection } from './measure.ts';
import { setAll } from './worker-cycles.ts';

const PREFIX = 'wirefeed-soak:';
const ADVANCE_EVERY_MS = 30_000;
const SAMPLE_EVERY_MS = 10_000;
const RATE_PER_SERVE = 40;
const PATHS = ['/feeds/world.rss', '/feeds/europe.atom', '/feeds/asia-pacific.json', '/api/stories?limit=20', '/', '/regions/russia'];

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const progress = (message: string) => console.error(`soak: ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rssMb(pid: number): Promise<number> {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

interface Sample {
  at: number;
  rss: number[];
  redisMb: number;
}

/** The soak section (see the head of this file). */
export async function benchSoak(): Promise<BenchSection> {
  const minutes = flag('minutes', 10);
  const feeds = flag('feeds', 2000);
  const started = Date.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-soak-'));
  const redisDir = path.join(dir, 'redis');
  await mkdir(redisDir);
  const aof = ['--dir', redisDir, '--appendonly', 'yes', '--appendfsync', 'everysec'];
  let redis: RedisServer = await startRedisServer(aof, undefined, redisDir);
  const { port, url } = redis;
  const farm = await startFeedFarm({ feeds, hosts: 20 });
  const config = await writeFarmConfig(path.join(dir, 'farm.yaml'), { baseUrl: farm.baseUrl, feeds, hosts: 20 }, { perHost: 2 });
  // Polled every minute or two: the farm's feeds publish faster than that, so the floor applies.
  await appendFile(config, '  minPollMinutes: 1\n  maxPollMinutes: 2\n');
  const sources = (await loadConfig(config)).sources;
  const published = new Set<string>();
  const collect = (which: number[]) => {
    const now = new Date();
    for (const feed of which) {
      const source = sources[feed];
      if (!source || feedOf(source.id) !== feed) throw new Error('soak: sources are not in farm order');
      const parsed = parseFeed(Buffer.from(farm.feedXml(feed)), { url: source.url, contentType: 'application/rss+xml' });
      for (const entry of identifyEntries(parsed, source, now).entries) published.add(entry.id);
    }
  };
  collect(sources.map((_, i) => i));
  const env = { REDIS_URL: url, WIREFEED_REDIS_PREFIX: PREFIX, LOG_LEVEL: 'warn' };
  const servePorts = [await freePort(), await freePort()];
  const children: ChildProcess[] = [
    ...[0, 1, 2].map(() => startCli(['worker', '--config', config], env)),
    ...servePorts.map((p) => startCli(['serve', '--config', config], { ...env, PORT: String(p) })),
  ];
  const results = children.map(finished);
  const samples: Sample[] = [];
  const responses: { at: number; status: number }[] = [];
  let restart = { from: 0, to: 0 };
  try {
    await sleep(8000);
    const durationMs = minutes * 60_000;
    const end = Date.now() + durationMs;
    const advancing = setInterval(() => collect(farm.advance()), ADVANCE_EVERY_MS);
    const admin = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 200 });
    admin.on('error', () => undefined);
    const sampling = setInterval(() => {
      void (async () => {
        const memory = await admin.info('memory').catch(() => '');
        const redisMb = Number(/^used_memory:(\d+)/m.exec(memory)?.[1] ?? NaN) / 2 ** 20;
        samples.push({ at: Date.now(), rss: await Promise.all(children.map((child) => rssMb(child.pid as number))), redisMb });
      })();
    }, SAMPLE_EVERY_MS);
    const loads = servePorts.map((p) => {
      let n = 0;
      return new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          {
            url: `http://127.0.0.1:${p}`,
            connections: 8,
            overallRate: RATE_PER_SERVE,
            duration: durationMs / 1000,
            requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: PATHS[n++ % PATHS.length] }) }],
          },
          (error) => (error ? reject(error) : resolve()),
        );
        instance.on('response', (_client, status) => responses.push({ at: Date.now(), status }));
      });
    });
    await sleep(durationMs / 2);
    progress('stopping Redis');
    restart = { from: Date.now(), to: 0 };
    await redis.stop();
    await sleep(3000);
    redis = await startRedisServer(aof, port, redisDir);
    restart.to = Date.now();
    progress('Redis back');
    await Promise.all(loads);
    clearInterval(advancing);
    clearInterval(sampling);
    await sleep(Math.max(0, end - Date.now()));
    // One more poll of every source, so what the farm published last is in.
    const client = new Redis(url);
    const store = new RedisStore({ redis: client, prefix: PREFIX });
    const since = Date.now() + 5000;
    await setAll(
      store,
      sources.map((source) => source.id),
      new Date().toISOString(),
      new Date(since).toISOString(),
    );
    for (let i = 0; i < 600; i++) {
      const states = await store.listSourceStates();
      if (states.every((state) => Date.parse(state.lastSuccessAt ?? '') >= since)) break;
      await sleep(1000);
    }
    const stories = await allStories(store);
    const holders = await holdersOf(store, [...published]);
    const missing = [...published].filter((id) => !holders.has(id)).length;
    const doubled = repeated(stories.map((story) => story.id)).length;
    await store.close();
    admin.disconnect();
    return section({ minutes, feeds, published: published.size, stories: stories.length, missing, doubled, samples, responses, restart, started });
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(results);
    await farm.close();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

interface SoakFigures {
  minutes: number;
  feeds: number;
  published: number;
  stories: number;
  missing: number;
  doubled: number;
  samples: Sample[];
  responses: { at: number; status: number }[];
  restart: { from: number; to: number };
  started: number;
}

// The restart window: from stopping Redis until 30 s after it is back (reconnects, render caches).
function section(f: SoakFigures): BenchSection {
  const inWindow = (at: number) => at >= f.restart.from && at <= f.restart.to + 30_000;
  const outside = f.responses.filter((r) => !inWindow(r.at));
  const inside = f.responses.filter((r) => inWindow(r.at));
  const fives = (list: { status: number }[]) => list.filter((r) => r.status >= 500).length;
  const share = (list: { status: number }[]) => (list.length ? (100 * fives(list)) / list.length : 0);
  // After warm-up: the first sample a quarter of the way in; at the end: the last one.
  const warm = f.samples[Math.floor(f.samples.length / 4)];
  const last = f.samples.at(-1);
  const names = ['worker 1', 'worker 2', 'worker 3', 'serve 1', 'serve 2'];
  const rows = names.map(
    (name, i) => `| ${name} RSS, MB | ${fmt(warm?.rss[i] ?? NaN)} | ${fmt(last?.rss[i] ?? NaN)} | ${fmt((last?.rss[i] ?? NaN) / (warm?.rss[i] ?? NaN), 2)}× |`,
  );
  return {
    title: 'Soak (issue 13)',
    body: [
      `\`npm run soak -- --minutes ${f.minutes} --feeds ${f.feeds}\` (scripts/bench/soak.ts; ${fmt((Date.now() - f.started) / 60_000, 1)} minutes in all). 3 \`wirefeed worker\` and 2 \`wirefeed serve\` processes on a private redis-server with AOF; ${fmt(f.feeds)} farm feeds on 20 loopback hosts, 10% of them gaining 2 items every 30 s, polled every 1–2 minutes; autocannon at ${RATE_PER_SERVE} requests/s on each serve over feeds, the API and pages; Redis stopped and started again (3 s down) at half time. Then every source polled once more and the store checked against every item the farm published.`,
      '',
      '| what | figure |',
      '| --- | ---: |',
      `| items the farm published | ${fmt(f.published)} |`,
      `| stories stored / items missing / stories stored twice (goals: 0, 0) | ${fmt(f.stories)} / ${fmt(f.missing)} ${f.missing === 0 ? '✓' : '✗'} / ${fmt(f.doubled)} ${f.doubled === 0 ? '✓' : '✗'} |`,
      `| HTTP responses outside the restart window, of which 5xx (goal < 0.1%) | ${fmt(outside.length)}, ${fmt(fives(outside))} (${fmt(share(outside), 3)}%) ${share(outside) < 0.1 ? '✓' : '✗'} |`,
      `| HTTP responses in the restart window (Redis down + 30 s), of which 5xx | ${fmt(inside.length)}, ${fmt(fives(inside))} |`,
      '',
      '| process | after warm-up | at the end | end / warm-up |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
      `| Redis used_memory, MB | ${fmt(warm?.redisMb ?? NaN, 1)} | ${fmt(last?.redisMb ?? NaN, 1)} | ${fmt((last?.redisMb ?? NaN) / (warm?.redisMb ?? NaN), 2)}× |`,
      '',
      'Redis memory grows with the stories the farm keeps publishing (retention is days, the soak minutes): flat means per story, not per request or per poll.',
    ].join('\n'),
  };
}
