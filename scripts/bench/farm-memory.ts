// Redis bytes per story on the feed farm, by key family: one `wirefeed fetch-once` over F farm feeds
// into a private redis-server, then used_memory and MEMORY USAGE by family. The store benchmark's
// Redis bytes-per-story row is the same delta; this measures it alone, in a few minutes at any size.
// `node --import tsx scripts/bench/farm-memory.ts [--feeds N]` (10,000 by default), or from the
// store benchmark (`familiesOfFarm`).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { farmConfigYaml } from '../../test/support/feed-farm.ts';
import { startRedisServer } from '../../test/support/redis-servers.ts';
import { startFarmProcess } from './farm-runner.ts';
import { families, recordParts, type RedisMemoryFigures } from './redis-memory.ts';
import { fetchOnceMeasured } from './store-cli.ts';

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--feeds');
  console.log(JSON.stringify(await measureFarmMemory(at >= 0 ? Number(process.argv[at + 1]) : 10_000), null, 2));
}
