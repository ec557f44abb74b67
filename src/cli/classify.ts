import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createClassifier, type Classifier } from '../classify/index.ts';
import type { Classification, Region } from '../domain/index.ts';

/** The streams a command talks to. */
export interface CommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE =
  'usage: wirefeed classify [--evidence | --explain] < stories.jsonl  (lines of {"id","title","body"[,"language"]})\n' +
  "  --evidence  adds each story's evidence to its JSON line\n" +
  "  --explain   prints a readable block per story instead: every piece of evidence, each country's score, the focus\n";
const FLAGS = new Set(['--evidence', '--explain']);

interface StoryLine {
  id: unknown;
  title: string;
  body: string;
  language?: string;
}

function parseLine(line: string): StoryLine {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const { id, title = '', body = '', language } = value as Record<string, unknown>;
  if (typeof title !== 'string' || typeof body !== 'string') throw new Error('"title" and "body" must be strings');
  if (language !== undefined && typeof language !== 'string') throw new Error('"language" must be a string');
  return { id, title, body, ...(language ? { language } : {}) };
}

function classifyStory(story: StoryLine, classifier: Classifier): Classification {
  const { title, body, language } = story;
  return classifier.classify({ title, text: body, defaultCountries: [], defaultRegions: [], ...(language ? { language } : {}) });
}

function classifyLine(line: string, classifier: Classifier, withEvidence: boolean): Record<string, unknown> {
  const story = parseLine(line);
  const { countries, regions, evidence } = classifyStory(story, classifier);
  return { id: story.id, countries, regions, ...(withEvidence ? { evidence } : {}) };
}

/** The --explain block: evidence strongest first, then every country's summed score, focus marked. */
function explainLine(line: string, classifier: Classifier): string {
  const story = parseLine(line);
  const { countries, regions, evidence } = classifyStory(story, classifier);
  const scores = new Map<string, number>();
  for (const e of evidence) scores.set(e.country, (scores.get(e.country) ?? 0) + e.weight);
  const out = [`story ${JSON.stringify(story.id ?? null)}: ${JSON.stringify(story.title)}`, '  evidence:'];
  for (const e of evidence) out.push(`    ${e.country.padEnd(3)}${e.kind.padEnd(15)}${e.weight.toFixed(2).padStart(6)}  ${JSON.stringify(e.match)}`);
  if (evidence.length === 0) out.push('    (none)');
  out.push('  scores:');
  for (const [country, score] of [...scores].sort((a, b) => b[1] - a[1])) {
    out.push(`    ${country.padEnd(3)}${score.toFixed(2).padStart(6)}${countries.includes(country) ? '  focus' : ''}`);
  }
  out.push(`  countries: ${countries.join(' ') || '-'}`, `  regions: ${regions.join(' ') || '-'}`, '');
  return `${out.join('\n')}\n`;
}

function idOf(line: string): unknown {
  try {
    return (JSON.parse(line) as { id?: unknown }).id ?? null;
  } catch {
    return null;
  }
}

/** `wirefeed classify`: one {id,countries,regions} line per input line, in order, streamed; --explain for people. */
export async function classifyCommand(args: string[], io: CommandIo, regions: Region[]): Promise<number> {
  const unknown = args.filter((a) => !FLAGS.has(a));
  if (unknown.length > 0) {
    io.stderr.write(`classify: unknown argument ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const classifier = createClassifier(regions);
  let lineNumber = 0;
  let failures = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber += 1;
    let out: Record<string, unknown> | string;
    try {
      out = args.includes('--explain') ? explainLine(line, classifier) : classifyLine(line, classifier, args.includes('--evidence'));
    } catch (error) {
      failures += 1;
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr.write(`classify: line ${lineNumber}: ${reason}\n`);
      // Still one output line, so output line n always answers input line n.
      out = { id: idOf(line), countries: [], regions: [] };
    }
    const text = typeof out === 'string' ? out : `${JSON.stringify(out)}\n`;
    if (!io.stdout.write(text)) await once(io.stdout, 'drain');
  }
  return failures > 0 ? 1 : 0;
}
