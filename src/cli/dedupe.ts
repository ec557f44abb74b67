import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { plainText } from '../dedupe/index.ts';
import type { Item, Story } from '../domain/index.ts';
import { canonicalUrl } from '../normalize/index.ts';
import { SqliteStore, type Store } from '../store/index.ts';
import { fileFeed, type FiledItem } from '../worker/index.ts';
import type { CommandIo } from './classify.ts';
import { sanitizeItem } from '../normalize/index.ts';

const USAGE = 'usage: wirefeed dedupe < items.jsonl  (lines of {"id","title","body","url","source","published"})\n';

function field(value: Record<string, unknown>, name: string): string {
  const v = value[name] ?? '';
  if (typeof v !== 'string') throw new Error(`"${name}" must be a string`);
  return v;
}

function toItem(line: string): Item {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const record = value as Record<string, unknown>;
  const id = field(record, 'id');
  if (!id) throw new Error('"id" is required');
  const link = field(record, 'url');
  let url = link;
  try {
    url = canonicalUrl(link);
  } catch {
    // An unparseable URL still identifies the item as written.
  }
  const title = plainText(field(record, 'title')).replace(/\s+/g, ' ').trim();
  const published = field(record, 'published') || new Date(0).toISOString();
  const text = plainText(field(record, 'body'));
  return { id, sourceId: field(record, 'source'), link, url, title, summary: '', text, published, categories: [], enclosures: [] };
}

/** An input line, with its item when it could be read. */
interface Entry {
  line: string;
  lineNumber: number;
  item?: Item;
}

// Lines are deduped in chunks, one store round trip per step for a whole chunk, as a worker does a feed.
const CHUNK = 256;
// The command files a stream, not a source: its filings carry this state of its own.
const STREAM_STATE = { sourceId: 'wirefeed-dedupe', consecutiveFailures: 0, itemsSeen: 0 };

// The id of an earlier item of the same story, or null when the item starts one.
function duplicateOf(item: Item, filed: FiledItem): string | null {
  return filed.kind === 'new' || filed.storyId === item.id ? null : filed.storyId;
}

function toStory(item: Item, now: Date): Story {
  return { id: item.id, item: sanitizeItem(item), copies: [], firstSeen: now.toISOString(), countries: [], regions: [], evidence: [] };
}

function idOf(line: string): unknown {
  try {
    return (JSON.parse(line) as { id?: unknown }).id ?? null;
  } catch {
    return null;
  }
}

// Writes one line per chunk entry, in order; an unreadable line (already reported) answers null.
async function dedupeChunk(chunk: Entry[], store: Store, windowHours: number, io: CommandIo): Promise<number> {
  const items = chunk.flatMap((entry) => (entry.item ? [entry.item] : []));
  const now = new Date();
  let filed: FiledItem[] = [];
  let failures = 0;
  try {
    filed = await fileFeed(items, STREAM_STATE, { store, windowHours, now, toStory: (item) => toStory(item, now) });
  } catch (error) {
    failures = items.length;
    io.stderr.write(`dedupe: lines ${chunk[0]?.lineNumber}-${chunk.at(-1)?.lineNumber}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  let at = 0;
  for (const entry of chunk) {
    const result = entry.item ? filed[at++] : undefined;
    // Still one output line, so output line n always answers input line n.
    const out = { id: entry.item?.id ?? idOf(entry.line), duplicateOf: entry.item && result ? duplicateOf(entry.item, result) : null };
    if (!io.stdout.write(`${JSON.stringify(out)}\n`)) await once(io.stdout, 'drain');
  }
  return failures;
}

/** `wirefeed dedupe`: one {id,duplicateOf} line per input item, in order, on an in-memory store. */
export async function dedupeCommand(args: string[], io: CommandIo, options: { windowHours: number }): Promise<number> {
  if (args.length > 0) {
    io.stderr.write(`dedupe: unknown argument ${args[0]}\n${USAGE}`);
    return 2;
  }
  const store = SqliteStore.inMemory();
  let lineNumber = 0;
  let failures = 0;
  let chunk: Entry[] = [];
  const flush = async () => {
    failures += await dedupeChunk(chunk, store, options.windowHours, io);
    chunk = [];
  };
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (!line.trim()) continue;
    try {
      chunk.push({ line, lineNumber, item: toItem(line) });
    } catch (error) {
      failures += 1;
      io.stderr.write(`dedupe: line ${lineNumber}: ${error instanceof Error ? error.message : String(error)}\n`);
      chunk.push({ line, lineNumber });
    }
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  await store.close();
  return failures > 0 ? 1 : 0;
}
