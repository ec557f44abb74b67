import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ParseError, type Source, type StoryItem } from '../domain/index.ts';
import { normalizeFeed, sanitizeItem } from '../normalize/index.ts';
import { parseFeed, type ParsedFeed } from '../parse/index.ts';

/** Where `wirefeed parse` writes. */
export interface ParseCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** A feed document parsed and normalized, or the classified reason it has no items. */
export type ParseOutcome = { ok: true; feed: ParsedFeed; items: StoryItem[] } | { ok: false; error: ParseError };

/**
 * What `wirefeed parse` does with one document's bytes (also what eval:parse measures):
 * parse, then normalize under a stand-in source named after the file. Only ParseError is caught.
 */
export function parseDocument(body: Uint8Array, file: string, now: Date): ParseOutcome {
  const url = pathToFileURL(path.resolve(file)).href;
  try {
    const feed = parseFeed(body, { url });
    return { ok: true, feed, items: normalizeFeed(feed, sourceFor(file, url), now).map(sanitizeItem) };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { ok: false, error };
  }
}

/** `wirefeed parse FILE`: the file's feed and normalized items as JSON; exit 1 on an unreadable feed. */
export async function parseCommand(args: string[], io: ParseCommandIo, now: Date = new Date()): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    io.stderr.write('usage: wirefeed parse FILE\n');
    return 2;
  }
  let body: Uint8Array;
  try {
    body = await readFile(file);
  } catch (error) {
    io.stderr.write(`wirefeed parse: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const outcome = parseDocument(body, file, now);
  if (!outcome.ok) {
    io.stderr.write(`wirefeed parse: ${file}: ${outcome.error.message} [${outcome.error.kind}]\n`);
    return 1;
  }
  const { title, link, format, language, warnings } = outcome.feed;
  io.stdout.write(`${JSON.stringify({ feed: { title, link, format, language, warnings }, items: outcome.items }, null, 2)}\n`);
  return 0;
}

// A stand-in source named after the file, so ids are stable for the same file name.
function sourceFor(file: string, url: string): Source {
  const id = path.basename(file).replace(/\.[^.]+$/, '');
  return { id, url, title: id, language: 'und', defaultCountries: [], defaultRegions: [], pollIntervalMinutes: 0 };
}
