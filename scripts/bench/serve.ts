// The serve benchmark: `wirefeed serve` (shipped config, 1,500 stories in the embedded store, logs
// at the default level) under autocannon on loopback, 50 connections, against baselines in the
// same run: a bare node:http server sending the same bytes, a minimal Express 5 route answering
// 304. Every server runs in a child process, autocannon in this one; each round runs every load
// once, the order reversed every other round; ratios are paired per round, then the median taken.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/index.ts';
import { median, type BenchSection } from './measure.ts';
import { benchStories, fillStore } from './serve-stories.ts';
import { cpuPerRequest, load, rssMb, startBaseline, startServe, type ChildServer, type Load, type LoadSpec } from './serve-load.ts';
import { serveSection, type Comparison, type CpuComparison, type ServeFigures } from './serve-section.ts';
import { serveStartupMs } from './store-cli.ts';

const CONFIG = fileURLToPath(new URL('../../config/feeds.yaml', import.meta.url));
const STORIES = 1500;
const ROUNDS = 5;
const SECONDS = 3;
const WARM_SECONDS = 1;
const STARTUPS = 5;
const FEED = '/feeds/europe.rss';
// CPU per request is read at a rate every server sustains, so it does not depend on how busy the machine is.
const CPU_RATE = 1000;
const CPU_SECONDS = 3;

/** The loads measured, by name: which server, what it sends. */
type LoadName = 'feed' | 'bare' | 'notModified' | 'express304' | 'filtered' | 'filteredUncached' | 'api' | 'gzip' | 'br';

export async function benchServe(): Promise<BenchSection> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-bench-serve-'));
  const servers: ChildServer[] = [];
  try {
    const config = await loadConfig(CONFIG);
    const stories = benchStories(config, STORIES);
    const env = { WIREFEED_DATA_DIR: path.join(dir, 'data') };
    await fillStore(env.WIREFEED_DATA_DIR, stories);
    const startups = [];
    for (let i = 0; i < STARTUPS; i++) startups.push(await serveStartupMs(CONFIG, env));
    const serve = await startServe(CONFIG, env);
    servers.push(serve);
    const feed = await fetch(`http://127.0.0.1:${serve.port}${FEED}`, { headers: { 'Accept-Encoding': 'identity' } });
    const body = Buffer.from(await feed.arrayBuffer());
    const bodyFile = path.join(dir, 'feed.rss');
    await writeFile(bodyFile, body);
    const bare = await startBaseline(['bare', bodyFile, feed.headers.get('content-type') ?? '']);
    const express304 = await startBaseline(['express304']);
    servers.push(bare, express304);
    const words = [...new Set(stories.flatMap((story) => story.item.title.toLowerCase().match(/\p{L}{5,}/gu) ?? []))];
    const common = commonestWord(stories.map((story) => story.item.title));
    const specs = loadSpecs(feed.headers.get('etag') ?? '', common, words);
    const targets: Record<LoadName, ChildServer> = {
      feed: serve,
      bare,
      notModified: serve,
      express304,
      filtered: serve,
      filteredUncached: serve,
      api: serve,
      gzip: serve,
      br: serve,
    };
    const ports = Object.fromEntries(Object.entries(targets).map(([name, server]) => [name, server.port])) as Record<LoadName, number>;
    const loadBefore = loadavg()[0] ?? 0;
    const rounds = await runRounds(ports, specs);
    const cpu = await cpuRounds(targets, specs);
    return serveSection({
      stories: STORIES,
      feedPath: FEED,
      feedBytes: body.length,
      filteredQuery: common,
      distinctQueries: words.length,
      rounds,
      cpu,
      startupMs: median(startups),
      loadAverage: [loadBefore, loadavg()[0] ?? 0],
      rssMb: await rssMb(serve.pid),
    } satisfies ServeFigures);
  } finally {
    for (const server of servers) await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

// The word of five letters or more in the most titles: a filter that keeps a full page.
function commonestWord(titles: string[]): string {
  const counts = new Map<string, number>();
  for (const title of titles) for (const word of new Set(title.toLowerCase().match(/\p{L}{5,}/gu))) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'news';
}

function loadSpecs(etag: string, common: string, words: string[]): Record<LoadName, LoadSpec> {
  return {
    feed: { path: FEED },
    bare: { path: FEED },
    notModified: { path: FEED, headers: { 'If-None-Match': etag } },
    express304: { path: FEED, headers: { 'If-None-Match': etag } },
    filtered: { path: `${FEED}?q=${encodeURIComponent(common)}` },
    // A word per request, never the one before: every request lists, searches and renders.
    filteredUncached: {
      path: FEED,
      pathOf: (n) => `${FEED}?q=${encodeURIComponent(words[n % words.length] ?? 'news')}&limit=${1 + (Math.floor(n / words.length) % 50)}`,
    },
    api: { path: '/api/stories?limit=50' },
    gzip: { path: FEED, headers: { 'Accept-Encoding': 'gzip' } },
    br: { path: FEED, headers: { 'Accept-Encoding': 'gzip, deflate, br' } },
  };
}

/** Each comparison: a load and the baseline it is measured against, run back to back. */
const COMPARISONS: [LoadName, LoadName][] = [
  ['feed', 'bare'],
  ['notModified', 'express304'],
  ['filtered', 'feed'],
  ['filteredUncached', 'feed'],
  ['api', 'feed'],
  ['gzip', 'feed'],
  ['br', 'feed'],
];

/** Per round and comparison, the load's and its baseline's figures, measured back to back (order swapped every other round). */
async function runRounds(ports: Record<LoadName, number>, specs: Record<LoadName, LoadSpec>): Promise<Comparison[][]> {
  for (const name of Object.keys(specs) as LoadName[]) await load(ports[name], specs[name], WARM_SECONDS);
  const rounds: Comparison[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const comparisons: Comparison[] = [];
    for (const [name, baseline] of COMPARISONS) {
      const order = round % 2 === 0 ? [name, baseline] : [baseline, name];
      const results: Partial<Record<LoadName, Load>> = {};
      for (const which of order) results[which] = await load(ports[which], specs[which], SECONDS);
      const figures = { name, baseline, load: results[name] as Load, base: results[baseline] as Load };
      console.error(`bench: serve round ${round + 1} ${name} ${Math.round(figures.load.rps)} req/s vs ${baseline} ${Math.round(figures.base.rps)} req/s`);
      comparisons.push(figures);
    }
    rounds.push(comparisons);
  }
  return rounds;
}

/** CPU ms per request of the two goal comparisons at a fixed rate, each pair back to back, order alternating. */
async function cpuRounds(targets: Record<LoadName, ChildServer>, specs: Record<LoadName, LoadSpec>): Promise<CpuComparison[]> {
  const pairs: [LoadName, LoadName][] = [
    ['feed', 'bare'],
    ['notModified', 'express304'],
  ];
  const out: CpuComparison[] = pairs.map(([name, baseline]) => ({ name, baseline, load: [], base: [] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [name, baseline]] of pairs.entries()) {
      const order = round % 2 === 0 ? [name, baseline] : [baseline, name];
      for (const which of order) {
        const ms = await cpuPerRequest(targets[which], specs[which], CPU_SECONDS, CPU_RATE);
        (which === name ? out[i]?.load : out[i]?.base)?.push(ms);
      }
    }
  }
  return out;
}
