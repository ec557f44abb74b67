// What the eval scripts share: finding the development set, and reading one half of it or all.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Which lines of which file an eval reads. */
export interface EvalData {
  file: string;
  /** Odd or even lines only: tune on one half, check on the other. */
  half?: 'odd' | 'even';
}

/** The repository's root folder. */
export const root = fileURLToPath(new URL('..', import.meta.url));

/** Reads `[path] [--half odd|even]`; exits 2 with a clear message when the data is absent. */
export function evalData(tool: string, fileName: string, argv: string[]): EvalData {
  const args = [...argv];
  const halfAt = args.indexOf('--half');
  const half = halfAt >= 0 ? args.splice(halfAt, 2)[1] : undefined;
  if (half !== undefined && half !== 'odd' && half !== 'even') {
    console.error(`${tool}: --half takes odd or even`);
    process.exit(2);
  }
  const file = path.resolve(root, args[0] ?? `../shared/data/${fileName}`);
  if (!existsSync(file)) {
    console.error(
      `${tool}: no data at ${file}.\nPut ${fileName} in ../shared/data/ beside the repository, or pass its path: npm run ${tool.replace('-', ':')} -- FILE`,
    );
    process.exit(2);
  }
  return { file, half };
}

/** The JSON lines of the file (or of its chosen half), blank lines skipped. */
export async function readJsonLines<T>(data: EvalData): Promise<T[]> {
  const records: T[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(data.file), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    n += 1;
    if ((data.half === 'odd' && n % 2 === 0) || (data.half === 'even' && n % 2 === 1)) continue;
    records.push(JSON.parse(line) as T);
  }
  return records;
}

/** Every feed file under a fixture corpus folder, sorted, without its Markdown notes. */
export function feedFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return feedFiles(full);
      return name.endsWith('.md') ? [] : [full];
    });
}
