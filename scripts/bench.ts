// `npm run bench [-- name…]`: runs the benchmarks and writes their figures to BENCHMARKS.md.
// Each benchmark measures a baseline in the same run, so ratios hold on a shared, noisy machine.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { BenchSection } from './bench/measure.ts';

// A benchmark writes one section, or several (merged by title, so a partial run keeps the others).
type Bench = () => Promise<BenchSection | BenchSection[]>;

const BENCHES: Record<string, () => Promise<Bench>> = {
  dedupe: async () => (await import('./bench/dedupe.ts')).benchDedupe,
  classify: async () => (await import('./bench/classify.ts')).benchClassify,
  parse: async () => (await import('./bench/parse.ts')).benchParse,
  store: async () => (await import('./bench/store.ts')).benchStore,
  serve: async () => (await import('./bench/serve.ts')).benchServe,
  'redis-memory': async () => (await import('./bench/redis-memory-section.ts')).benchRedisMemory,
  'farm-memory': async () => (await import('./bench/farm-memory.ts')).benchFarmMemory,
  startup: async () => (await import('./bench/startup.ts')).benchStartup,
  fetch: async () => (await import('./bench/fetch.ts')).benchFetch,
  soak: async () => (await import('./bench/soak.ts')).benchSoak,
  retention: async () => (await import('./bench/retention.ts')).benchRetention,
};

// Section names, without the options some sections read themselves (`--feeds 1000`: a flag and its value).
function sectionNames(args: string[]): string[] {
  return args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const chosen = sectionNames(wanted);
  const names = chosen.length ? chosen : Object.keys(BENCHES);
  const sections: BenchSection[] = [];
  for (const name of names) {
    const load = BENCHES[name];
    if (!load) throw new Error(`bench: unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(', ')})`);
    console.error(`bench: ${name} …`);
    sections.push(...[await (await load())()].flat());
  }
  const header = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench\` (last run: \`npm run bench${wanted.length ? ` -- ${wanted.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 10)}, which keeps the sections it did not run),`,
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB.`,
    'Figures are medians of repeated runs; each section compares against a baseline measured in the same run.',
  ].join('\n');
  const text = `${header}\n\n${(await mergeSections(sections)).map((s) => `## ${s.title}\n\n${s.body.trim()}\n`).join('\n')}`;
  await writeFile('BENCHMARKS.md', text);
  console.log(text);
}

// The current BENCHMARKS.md's sections with the redone ones replaced in place, new ones appended:
// a partial run keeps the figures of the benchmarks it did not run.
async function mergeSections(redone: BenchSection[]): Promise<BenchSection[]> {
  const text = await readFile('BENCHMARKS.md', 'utf8').catch(() => '');
  const earlier = text
    .split(/^## /m)
    .slice(1)
    .map((part) => ({ title: part.slice(0, part.indexOf('\n')).trim(), body: part.slice(part.indexOf('\n')) }));
  const merged = earlier.map((section) => redone.find((s) => s.title === section.title) ?? section);
  return [...merged, ...redone.filter((s) => !earlier.some((e) => e.title === s.title))];
}

await main();
