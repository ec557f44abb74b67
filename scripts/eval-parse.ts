// Runs `wirefeed parse` logic over every file of the fixture corpus and prints, per folder, how many
// files parsed, parsed with warnings, or were rejected (by class), and how well items fill each field.
// Usage: npm run eval:parse [-- folder]   (default ../shared/fixtures/feeds beside the repository)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../src/cli/parse.ts';
import { feedFiles } from './eval-data.ts';
import type { StoryItem } from '../src/domain/index.ts';

interface FolderTally {
  files: number;
  parsed: number;
  recovered: number;
  rejected: Record<string, number>;
  crashed: number;
  items: number;
  coverage: Record<Field, number>;
}

const FIELDS = {
  id: (item: StoryItem) => /^[\w-]{16}$/.test(item.id),
  'abs. link': (item: StoryItem) => /^https?:\/\//.test(item.link ?? ''),
  'valid date': (item: StoryItem) => item.dateFallback === undefined,
  author: (item: StoryItem) => Boolean(item.author),
  content: (item: StoryItem) => Boolean(item.contentHtml),
  image: (item: StoryItem) => Boolean(item.image),
} as const;
type Field = keyof typeof FIELDS;

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = path.resolve(root, process.argv[2] ?? '../shared/fixtures/feeds');
if (!existsSync(folder)) {
  console.error(
    `eval-parse: no corpus at ${folder}.\nPut the feed fixtures in ../shared/fixtures/feeds beside the repository, or pass a folder: npm run eval:parse -- DIR`,
  );
  process.exit(2);
}

// Fixed, so that the future-date rule and first-seen fallbacks read the same on every run.
const NOW = new Date('2026-03-01T12:00:00Z');
const tallies = new Map<string, FolderTally>();
const notes: string[] = [];

for (const file of feedFiles(folder)) {
  const group = path.relative(folder, path.dirname(file)) || '.';
  const tally = tallies.get(group) ?? newTally();
  tallies.set(group, tally);
  tally.files += 1;
  const name = path.relative(folder, file);
  try {
    const outcome = parseDocument(readFileSync(file), file, NOW);
    if (!outcome.ok) {
      tally.rejected[outcome.error.kind] = (tally.rejected[outcome.error.kind] ?? 0) + 1;
      notes.push(`rejected  ${name}: ${outcome.error.message.replace(/ at file:\S+/, '')} [${outcome.error.kind}]`);
      continue;
    }
    tally.parsed += 1;
    tally.items += outcome.items.length;
    if (outcome.feed.warnings.length) {
      tally.recovered += 1;
      notes.push(`warnings  ${name} (${outcome.items.length} items): ${outcome.feed.warnings.join('; ')}`);
    }
    for (const item of outcome.items) for (const field of Object.keys(FIELDS) as Field[]) if (FIELDS[field](item)) tally.coverage[field] += 1;
  } catch (error) {
    tally.crashed += 1;
    notes.push(`CRASHED   ${name}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

printTable();
console.log(`\n${notes.join('\n')}`);
const crashed = [...tallies.values()].reduce((sum, tally) => sum + tally.crashed, 0);
process.exitCode = crashed ? 1 : 0;

function newTally(): FolderTally {
  const coverage = Object.fromEntries(Object.keys(FIELDS).map((field) => [field, 0])) as Record<Field, number>;
  return { files: 0, parsed: 0, recovered: 0, rejected: {}, crashed: 0, items: 0, coverage };
}

function printTable(): void {
  const fields = Object.keys(FIELDS) as Field[];
  console.log(`| folder | files | parsed | with warnings | rejected (class) | crashed | items | ${fields.join(' | ')} |`);
  console.log(`| --- | ---: | ---: | ---: | --- | ---: | ---: | ${fields.map(() => '---:').join(' | ')} |`);
  const total = newTally();
  for (const [group, tally] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(row(group, tally, fields));
    add(total, tally);
  }
  console.log(row('**all**', total, fields));
}

function row(group: string, tally: FolderTally, fields: Field[]): string {
  const rejected =
    Object.entries(tally.rejected)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ') || '0';
  const percent = (count: number) => (tally.items ? `${Math.round((100 * count) / tally.items)}%` : '–');
  const cells = [group, tally.files, tally.parsed, tally.recovered, rejected, tally.crashed, tally.items, ...fields.map((f) => percent(tally.coverage[f]))];
  return `| ${cells.join(' | ')} |`;
}

function add(total: FolderTally, tally: FolderTally): void {
  total.files += tally.files;
  total.parsed += tally.parsed;
  total.recovered += tally.recovered;
  total.crashed += tally.crashed;
  total.items += tally.items;
  for (const [kind, count] of Object.entries(tally.rejected)) total.rejected[kind] = (total.rejected[kind] ?? 0) + count;
  for (const field of Object.keys(FIELDS) as Field[]) total.coverage[field] += tally.coverage[field];
}
