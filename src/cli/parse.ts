import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ParseError, type Source } from '../domain/index.ts';
import { normalizeFeed } from '../normalize/index.ts';
import { parseFeed } from '../parse/index.ts';

/** Where `wirefeed parse` writes. */
export interface ParseCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** `wirefeed parse FILE`: the file's feed and normalized items as JSON; exit 1 on an unreadable feed. */
export async function parseCommand(args: string[], io: ParseCommandIo, now: Date = new Date()): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    io.stderr.write('usage: wirefeed parse FILE\n');
    return 2;
  }
  const url = pathToFileURL(path.resolve(file)).href;
  let body: Uint8Array;
  try {
    body = await readFile(file);
  } catch (error) {
    io.stderr.write(`wirefeed parse: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const feed = parseFeed(body, { url });
    const items = normalizeFeed(feed, sourceFor(file, url), now);
    const { title, link, format, language, warnings } = feed;
    io.stdout.write(`${JSON.stringify({ feed: { title, link, format, language, warnings }, items }, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    io.stderr.write(`wirefeed parse: ${file}: ${error.message} [${error.kind}]\n`);
    return 1;
  }
}

// A stand-in source named after the file, so ids are stable for the same file name.
function sourceFor(file: string, url: string): Source {
  const id = path.basename(file).replace(/\.[^.]+$/, '');
  return { id, url, title: id, language: 'und', defaultCountries: [], defaultRegions: [], pollIntervalMinutes: 0 };
}
