// Start-up: `wirefeed serve` from spawn to /healthz answering 200, on an empty embedded store and on
// one holding N stories (default 200,000), from the TypeScript sources (tsx, what `npm start` runs on
// a fresh clone) and from `npm run build`'s dist/. The empty store is the baseline of the same run: the
// difference is what the store costs at start. `npm run bench -- startup [--stories N] [--runs N]`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Story } from '../../src/domain/index.ts';
import { openStore, type FilingEntry, type Store } from '../../src/store/index.ts';
import { startRedisServer, type RedisServer } from '../../test/support/redis-servers.ts';
import { sampleStories } from '../../test/render/sample-stories.ts';
import { fmt, median, type BenchSection } from './measure.ts';
import { serveStartupMs } from './store-cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = path.join(ROOT, 'config', 'feeds.yaml');
const BATCH = 2_000;

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`bench: --${name} must be a positive integer`);
  return value;
};

// The sample stories again and again, each with its own id, URL and time, newest last.
function storyNumber(n: number, samples: Story[]): Story {
  const sample = samples[n % samples.length] as Story;
  const id = `bench-${n}`;
  const at = new Date(Date.parse('2026-01-01T00:00:00Z') + n * 1_000).toISOString();
  const link = `https://example.org/bench/${n}`;
  return { ...sample, id, firstSeen: at, item: { ...sample.item, id, link, url: link, published: at } };
}

async function seed(store: Store, stories: number): Promise<void> {
  const samples = sampleStories();
  const window = { now: new Date('2026-01-01T00:00:00Z'), hours: 72 };
  try {
    for (let first = 0; first < stories; first += BATCH) {
      const entries: FilingEntry[] = [];
      for (let n = first; n < Math.min(stories, first + BATCH); n++) {
        const story = storyNumber(n, samples);
        const fingerprint = { bandKeys: [], signature: new Uint8Array() };
        entries.push({ kind: 'new', story, itemKey: `item:${story.id}`, identityKeys: [`url:${story.item.url}`], fingerprint, bandHolders: [] });
      }
      const outcome = await store.fileSource({ state: { sourceId: 'bench-seed', consecutiveFailures: 0, itemsSeen: 0 }, entries, window });
      if (!outcome.filed) throw new Error(`bench: seeding conflicted: ${outcome.conflict}`);
    }
  } finally {
    await store.close();
  }
}

/** Where a `serve` finds its store: an embedded file's folder, or a Redis URL and prefix. */
type StoreEnv = NodeJS.ProcessEnv;

async function startups(env: StoreEnv, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await serveStartupMs(CONFIG, env));
  return median(samples);
}

/** The four medians, alternating empty and full so drifting machine load falls on both. */
async function measure(empty: StoreEnv, full: StoreEnv, runs: number): Promise<{ empty: number; full: number }> {
  await startups(empty, 1); // warm the file cache and tsx's transform cache
  return { empty: await startups(empty, runs), full: await startups(full, runs) };
}

export async function benchStartup(): Promise<BenchSection> {
  const stories = flag('stories', 200_000);
  const runs = flag('runs', 7);
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-bench-startup-'));
  const builtBefore = existsSync(path.join(ROOT, 'dist'));
  let redis: RedisServer | undefined;
  try {
    const [emptyDir, fullDir] = [path.join(dir, 'empty'), path.join(dir, 'full')];
    await Promise.all([mkdir(emptyDir), mkdir(fullDir)]);
    await seed(await openStore({ dataDir: fullDir }), stories);
    // A private redis-server, so the shared one's other keys weigh on nothing.
    redis = await startRedisServer(['--save', '', '--appendonly', 'no']);
    const redisUrl = `redis://127.0.0.1:${redis.port}`;
    await seed(await openStore({ redisUrl, prefix: 'full', dataDir: emptyDir }), stories);
    console.error(`bench: startup: ${stories} stories seeded in each store`);
    const sqlite = { empty: { WIREFEED_DATA_DIR: emptyDir, REDIS_URL: '' }, full: { WIREFEED_DATA_DIR: fullDir, REDIS_URL: '' } };
    const onRedis = (prefix: string) => ({ REDIS_URL: redisUrl, WIREFEED_REDIS_PREFIX: prefix });
    // Sources first: a dist/ older than the sources is ignored by bin/wirefeed.js anyway, but a fresh one would be used.
    if (builtBefore) await rm(path.join(ROOT, 'dist'), { recursive: true, force: true });
    const fromSources = await measure(sqlite.empty, sqlite.full, runs);
    const redisFromSources = await measure(onRedis('empty'), onRedis('full'), runs);
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    const fromBuild = await measure(sqlite.empty, sqlite.full, runs);
    const redisFromBuild = await measure(onRedis('empty'), onRedis('full'), runs);
    const row = (label: string, figures: { empty: number; full: number }) =>
      `| ${label} | ${fmt(figures.empty)} ms | ${fmt(figures.full)} ms | ${(figures.full / figures.empty).toFixed(2)}× |`;
    return {
      title: 'Start-up',
      body: `\`npm run bench -- startup --stories ${stories} --runs ${runs}\`: \`wirefeed serve\` (shipped config) from spawn to \`/healthz\` answering 200, median of ${runs} starts after one warm-up; the empty store is the baseline of the same run.

| serve started from | empty store | ${fmt(stories)} stories | ratio |
| --- | ---: | ---: | ---: |
${row('SQLite, from the TypeScript sources (tsx; a fresh clone, `npm start`)', fromSources)}
${row('SQLite, from `npm run build` (dist/)', fromBuild)}
${row('Redis (a private server), from the sources', redisFromSources)}
${row('Redis (a private server), from `npm run build`', redisFromBuild)}

The store adds nothing measurable at start (SQLite opens the file and reads its schema version; Redis reads its layout mark; no story is loaded). What a start costs is loading the code: tsx transforming the sources, then express, zod and the config.`,
    };
  } finally {
    await redis?.stop();
    if (!builtBefore) await rm(path.join(ROOT, 'dist'), { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}
