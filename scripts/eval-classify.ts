// Scores `wirefeed classify` on Reuters-21578 places: micro P/R/F1, exact-set accuracy, top confusions.
// Usage: npm run eval:classify [-- path] [--half odd|even]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { evalData, readJsonLines, root } from './eval-data.ts';

interface GoldStory {
  id: string;
  title: string;
  dateline: string;
  body: string;
  places: string[];
}

const { file, half } = evalData('eval-classify', 'reuters-places-dev.jsonl', process.argv.slice(2));
const readGold = (): Promise<GoldStory[]> => readJsonLines<GoldStory>({ file, half });

async function classifyAll(stories: GoldStory[]): Promise<string[][]> {
  const child = spawn(process.execPath, [path.join(root, 'bin/wirefeed.js'), 'classify'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const feed = (async () => {
    for (const s of stories) {
      const line = JSON.stringify({ id: s.id, title: s.title, body: `${s.dateline} - ${s.body}` });
      if (!child.stdin.write(`${line}\n`)) await once(child.stdin, 'drain');
    }
    child.stdin.end();
  })();
  const predicted: string[][] = [];
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    predicted.push((JSON.parse(line) as { countries: string[] }).countries);
  }
  await feed;
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0 || predicted.length !== stories.length) {
    throw new Error(`eval-classify: wirefeed classify exited ${code} with ${predicted.length} of ${stories.length} lines`);
  }
  return predicted;
}

function score(stories: GoldStory[], predicted: string[][]): void {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  const confusions = new Map<string, number>();
  const count = (key: string) => confusions.set(key, (confusions.get(key) ?? 0) + 1);
  stories.forEach((story, i) => {
    const gold = new Set(story.places);
    const pred = new Set(predicted[i]);
    const missed = [...gold].filter((c) => !pred.has(c));
    const extra = [...pred].filter((c) => !gold.has(c));
    tp += pred.size - extra.length;
    fp += extra.length;
    fn += missed.length;
    if (missed.length === 0 && extra.length === 0) exact += 1;
    for (const g of missed) count(`${g}→${extra.join('+') || '∅'}`);
    if (missed.length === 0) for (const p of extra) count(`∅→${p}`);
  });
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f1 = (2 * precision * recall) / (precision + recall);
  const pct = (x: number) => (100 * x).toFixed(1);
  console.log(`stories ${stories.length}${half ? ` (${half} lines)` : ''} from ${path.basename(file)}`);
  console.log(`micro precision ${pct(precision)}  recall ${pct(recall)}  F1 ${pct(f1)}  exact-set ${pct(exact / stories.length)}`);
  console.log('most frequent confusions (gold→predicted):');
  for (const [key, n] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${key.padEnd(12)} ${n}`);
}

const stories = await readGold();
score(stories, await classifyAll(stories));
