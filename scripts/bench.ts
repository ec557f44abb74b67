// `npm run bench [-- name…]`: runs the benchmarks and writes their figures to BENCHMARKS.md.
// Each benchmark measures a baseline in the same run, so ratios hold on a shared, noisy machine.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { BenchSection } from './bench/measure.ts';

type Bench = () => Promise<BenchSection>;

const BENCHES: Record<string, () => Promise<Bench>> = {
  dedupe: async () => (await import('./bench/dedupe.ts')).benchDedupe,
  classify: async () => (await import('./bench/classify.ts')).benchClassify,
  parse: async () => (await import('./bench/parse.ts')).benchParse,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(BENCHES);
  const sections: BenchSection[] = [];
  for (const name of names) {
    const load = BENCHES[name];
    if (!load) throw new Error(`bench: unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(', ')})`);
    console.error(`bench: ${name} …`);
    sections.push(await (await load())());
  }
  const header = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench${wanted.length ? ` -- ${wanted.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 10)},`,
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB.`,
    'Figures are medians of repeated runs; each section compares against a baseline measured in the same run.',
  ].join('\n');
  const text = `${header}\n\n${sections.map((s) => `## ${s.title}\n\n${s.body.trim()}\n`).join('\n')}`;
  await writeFile('BENCHMARKS.md', text);
  console.log(text);
}

await main();
