// The Redis layout's bytes per story by key family, from measureRedisMemory on a private redis-server.
import type { BenchSection } from './measure.ts';
import { measureRedisMemory, type RedisMemoryFigures } from './redis-memory.ts';

const SIZES = [10_000, 100_000];

/** `npm run bench -- redis-memory`: used_memory per story and its breakdown at 10,000 and 100,000 stories. */
export async function benchRedisMemory(): Promise<BenchSection> {
  const runs: RedisMemoryFigures[] = [];
  for (const stories of SIZES) runs.push(await measureRedisMemory({ stories }));
  const families = [...new Set(runs.flatMap((run) => run.families.map((f) => f.family)))];
  const cell = (run: RedisMemoryFigures, family: string) => Math.round(run.families.find((f) => f.family === family)?.bytesPerStory ?? 0);
  const rows = [
    `| bytes per story | ${runs.map((run) => `${run.stories.toLocaleString('en-US')} stories`).join(' | ')} |`,
    `| --- | ${runs.map(() => '---:').join(' | ')} |`,
    `| **INFO used_memory delta** | ${runs.map((run) => `**${Math.round(run.usedMemoryPerStory).toLocaleString('en-US')}**`).join(' | ')} |`,
    ...families.map((family) => `| ${family} (MEMORY USAGE) | ${runs.map((run) => cell(run, family)).join(' | ')} |`),
    `| — record head / deflated body / tail | ${runs.map((run) => `${Math.round(run.record.head)} / ${Math.round(run.record.body)} / ${Math.round(run.record.tail)}`).join(' | ')} |`,
    `| filing, entries/s (one filing at a time / 4 in flight) | ${runs.map((run) => `${Math.round(run.filing.itemsPerSecond)} / ${Math.round(run.filing.itemsPerSecondInFlight)}`).join(' | ')} |`,
  ];
  const pages = runs.at(-1) as RedisMemoryFigures;
  const pageRows = [
    '| 20-story page, median ms | ms | stories |',
    '| --- | ---: | ---: |',
    ...pages.pages.map((p) => `| ${p.query} | ${p.ms.toFixed(1)} | ${p.stories} |`),
  ];
  return {
    title: 'Redis memory by key family',
    body: [
      rows.join('\n'),
      '',
      `Stories shaped like a newsroom's (scripts/bench/redis-memory-stories.ts: title ~80 characters, summary ~300, sanitized HTML ~1,500 made of the fixture feeds' real sentences, three identity keys, two regions, one or two countries, three pieces of evidence, six band keys and a 64-byte signature, 30% with a copy) filed through RedisStore.fileSource into a private redis-server; every story is inside the fingerprint window, the worst case. The issue's layout held 5,086 bytes per story on its farm (6,340 on these stories). Pages over the ${pages.stories.toLocaleString('en-US')} stories:`,
      '',
      pageRows.join('\n'),
    ].join('\n'),
  };
}
