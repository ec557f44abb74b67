import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createClassifier, type Classifier } from '../classify/index.ts';
import type { Region } from '../domain/index.ts';

/** The streams a command talks to. */
export interface CommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = 'usage: wirefeed classify [--evidence] < stories.jsonl  (lines of {"id","title","body"})\n';

interface StoryLine {
  id: unknown;
  title: string;
  body: string;
}

function parseLine(line: string): StoryLine {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const { id, title = '', body = '' } = value as Record<string, unknown>;
  if (typeof title !== 'string' || typeof body !== 'string') throw new Error('"title" and "body" must be strings');
  return { id, title, body };
}

function classifyLine(line: string, classifier: Classifier, withEvidence: boolean): Record<string, unknown> {
  const story = parseLine(line);
  const { countries, regions, evidence } = classifier.classify({
    title: story.title,
    text: story.body,
    defaultCountries: [],
    defaultRegions: [],
  });
  return { id: story.id, countries, regions, ...(withEvidence ? { evidence } : {}) };
}

function idOf(line: string): unknown {
  try {
    return (JSON.parse(line) as { id?: unknown }).id ?? null;
  } catch {
    return null;
  }
}

/** `wirefeed classify`: one {id,countries,regions} line per input line, in order, streamed. */
export async function classifyCommand(args: string[], io: CommandIo, regions: Region[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--evidence');
  if (unknown.length > 0) {
    io.stderr.write(`classify: unknown argument ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const classifier = createClassifier(regions);
  let lineNumber = 0;
  let failures = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber += 1;
    let out: Record<string, unknown>;
    try {
      out = classifyLine(line, classifier, args.includes('--evidence'));
    } catch (error) {
      failures += 1;
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr.write(`classify: line ${lineNumber}: ${reason}\n`);
      // Still one output line, so output line n always answers input line n.
      out = { id: idOf(line), countries: [], regions: [] };
    }
    if (!io.stdout.write(`${JSON.stringify(out)}\n`)) await once(io.stdout, 'drain');
  }
  return failures > 0 ? 1 : 0;
}
