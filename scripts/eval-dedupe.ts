// Scores `wirefeed dedupe` on a wire-copies stream: pairwise precision, recall and F1 over same-story pairs.
// Usage: npm run eval:dedupe [-- path] [--half odd|even]  (a half feeds only the odd or even lines, for tuning)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { evalData, readJsonLines, root } from './eval-data.ts';

interface GoldItem {
  id: string;
  story: string;
  [field: string]: unknown;
}

const { file, half } = evalData('eval-dedupe', 'wire-copies-dev.jsonl', process.argv.slice(2));
const readGold = (): Promise<GoldItem[]> => readJsonLines<GoldItem>({ file, half });

async function dedupeAll(items: GoldItem[]): Promise<Map<string, unknown>> {
  const child = spawn(process.execPath, [path.join(root, 'bin/wirefeed.js'), 'dedupe'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const feed = (async () => {
    for (const item of items) {
      // The answer never reaches the system under test.
      const line = JSON.stringify({ ...item, story: undefined });
      if (!child.stdin.write(`${line}\n`)) await once(child.stdin, 'drain');
    }
    child.stdin.end();
  })();
  const links = new Map<string, unknown>();
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    const out = JSON.parse(line) as { id: unknown; duplicateOf: unknown };
    if (typeof out.id === 'string') links.set(out.id, out.duplicateOf);
  }
  await feed;
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) console.error(`eval-dedupe: wirefeed dedupe exited ${code}`);
  return links;
}

// Clusters by following links; a link to itself, an unknown id or a later item counts as none.
function clusters(items: GoldItem[], links: Map<string, unknown>): Map<string, string> {
  const order = new Map(items.map((item, i) => [item.id, i]));
  const rootOf = new Map<string, string>();
  for (const item of items) {
    const target = links.get(item.id);
    const valid = typeof target === 'string' && (order.get(target) ?? Infinity) < (order.get(item.id) as number);
    rootOf.set(item.id, valid ? (rootOf.get(target) as string) : item.id);
  }
  return rootOf;
}

function pairs(groups: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
  return counts;
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, c) => sum + (c * (c - 1)) / 2, 0);

const items = await readGold();
const started = performance.now();
const links = await dedupeAll(items);
const seconds = (performance.now() - started) / 1000;
const rootOf = clusters(items, links);
const tp = total(pairs(items.map((i) => `${rootOf.get(i.id)}\u0000${i.story}`)));
const predicted = total(pairs(items.map((i) => rootOf.get(i.id) as string)));
const gold = total(pairs(items.map((i) => i.story)));
const precision = predicted ? tp / predicted : 1;
const recall = gold ? tp / gold : 1;
const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
const missing = items.filter((i) => !links.has(i.id)).length;
const pct = (x: number) => (100 * x).toFixed(2);
console.log(`items ${items.length}${half ? ` (${half} lines)` : ''} from ${path.basename(file)}; true pairs ${gold}`);
console.log(`pairwise precision ${pct(precision)}  recall ${pct(recall)}  F1 ${pct(f1)}  missing ${missing}`);
console.log(`time ${seconds.toFixed(1)} s (${Math.round(items.length / seconds)} items/s, including start-up)`);
