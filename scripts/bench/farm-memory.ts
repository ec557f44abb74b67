// Redis bytes per story on the feed farm, by key family: one `wirefeed fetch-once` over F farm feeds
// into a private redis-server, then used_memory and MEMORY USAGE by family. The store benchmark's
// Redis bytes-per-story row is the same delta; this measures it alone, at any size.
// `npm run bench -- farm-memory [--feeds N]` (10,000 by default), or
// `node --import tsx scripts/bench/farm-memory.ts [--feeds N]` for the figures as JSON.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { farmConfigYaml } from '../../test/support/feed-farm.ts';
import { startRedisServer } from '../../test/support/redis-servers.ts';
import { startFarmProcess } from './farm-runner.ts';
import { families, recordParts, type RedisMemoryFigures } from './redis-memory.ts';
import { fetchOnceMeasured } from './store-cli.ts';
import type { BenchSection } from './measure.ts';

/** What the farm's first cycle leaves in Redis. */
export type FarmMemoryFigures = Pick<RedisMemoryFigures, 'stories' | 'usedMemoryPerStory' | 'families' | 'record'> & { feeds: number };

const PREFIX = 'wirefeed-bench-farm:';

/** Files F farm feeds (20 items, a tenth of the feeds' worth of near copies in 3 feeds each) and measures the store. */
export async function measureFarmMemory(feeds: number): Promise<FarmMemoryFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-bench-farm-'));
  const farm = await startFarmProcess({ feeds, nearCopies: Math.floor(feeds / 10), copiesPerStory: 3 });
  const server = await startRedisServer();
  const admin = new Redis(server.url);
  try {
    const config = path.join(dir, 'farm.yaml');
    await writeFile(config, farmConfigYaml(farm, { regions: 'shipped' }));
    const before = await usedMemory(admin);
    await fetchOnceMeasured(config, { REDIS_URL: server.url, WIREFEED_REDIS_PREFIX: PREFIX });
    const stories = Number(await admin.hlen(`{${PREFIX.slice(0, -1)}}:stories`));
    return {
      feeds,
      stories,
      usedMemoryPerStory: ((await usedMemory(admin)) - before) / stories,
      families: await families(admin, PREFIX, stories),
      record: await recordParts(admin, PREFIX),
    };
  } finally {
    admin.disconnect();
    await server.stop();
    await farm.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}

function feedsOption(argv: string[]): number {
  const at = argv.indexOf('--feeds');
  const feeds = at >= 0 ? Number(argv[at + 1]) : 10_000;
  if (!Number.isInteger(feeds) || feeds < 3) throw new Error(`bench: --feeds must be an integer of 3 or more, got "${argv[at + 1]}"`);
  return feeds;
}

/** `npm run bench -- farm-memory [--feeds N]`: the section of one run. */
export async function benchFarmMemory(): Promise<BenchSection> {
  return farmMemorySection(await measureFarmMemory(feedsOption(process.argv.slice(2))));
}

/** The section's text for a run's figures. */
export function farmMemorySection(run: FarmMemoryFigures): BenchSection {
  const rows = [
    `| ${run.feeds.toLocaleString('en-US')} farm feeds of 20 items, ${run.stories.toLocaleString('en-US')} stories | bytes per story | keys |`,
    '| --- | ---: | ---: |',
    `| **INFO used_memory delta** | **${Math.round(run.usedMemoryPerStory).toLocaleString('en-US')}** | |`,
    ...run.families.map((f) => `| ${f.family} (MEMORY USAGE) | ${Math.round(f.bytesPerStory)} | ${f.keys.toLocaleString('en-US')} |`),
    `| — record head / deflated body / tail | ${Math.round(run.record.head)} / ${Math.round(run.record.body)} / ${Math.round(run.record.tail)} | |`,
  ];
  return {
    title: 'Redis memory on the farm',
    body: [
      rows.join('\n'),
      '',
      "The store benchmark's farm (test/support/feed-farm.ts, a tenth of the feeds' worth of wire stories in three feeds each) filed by one `wirefeed fetch-once` (shipped regions) into a private redis-server: its first cycle, every story in the fingerprint window.",
      '',
      `Command: \`npm run bench -- farm-memory --feeds ${run.feeds}\`.`,
    ].join('\n'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureFarmMemory(feedsOption(process.argv.slice(2))), null, 2));
}
