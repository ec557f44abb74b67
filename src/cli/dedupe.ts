import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { findStory, indexStory, plainText, type DedupeOptions } from '../dedupe/index.ts';
import type { Item, Story } from '../domain/index.ts';
import { canonicalUrl } from '../normalize/index.ts';
import { EmbeddedStore, type Store } from '../store/index.ts';
import type { CommandIo } from './classify.ts';

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

// The id of an earlier item of the same story, or null when the item starts one.
async function dedupeItem(item: Item, store: Store, options: DedupeOptions): Promise<string | null> {
  const verdict = await findStory(item, store, options);
  if (verdict.kind === 'seen') return verdict.storyId === item.id ? null : verdict.storyId;
  if (verdict.kind === 'copy') {
    const copy = { itemId: item.id, sourceId: item.sourceId, link: item.link, published: item.published };
    await store.addCopy(verdict.story.id, copy, verdict.identityKeys);
    return verdict.story.id;
  }
  const story: Story = { id: item.id, item, copies: [], firstSeen: options.now.toISOString(), countries: [], regions: [], evidence: [] };
  const saved = await store.saveStory(story, verdict.identityKeys);
  if (!saved.saved) return saved.existingStoryId;
  await indexStory(store, item.id, verdict.index, options);
  return null;
}

function idOf(line: string): unknown {
  try {
    return (JSON.parse(line) as { id?: unknown }).id ?? null;
  } catch {
    return null;
  }
}

/** `wirefeed dedupe`: one {id,duplicateOf} line per input item, in order, on an in-memory store. */
export async function dedupeCommand(args: string[], io: CommandIo, options: { windowHours: number }): Promise<number> {
  if (args.length > 0) {
    io.stderr.write(`dedupe: unknown argument ${args[0]}\n${USAGE}`);
    return 2;
  }
  const store = EmbeddedStore.inMemory();
  let lineNumber = 0;
  let failures = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (!line.trim()) continue;
    let out: { id: unknown; duplicateOf: string | null };
    try {
      const item = toItem(line);
      out = { id: item.id, duplicateOf: await dedupeItem(item, store, { windowHours: options.windowHours, now: new Date() }) };
    } catch (error) {
      failures += 1;
      io.stderr.write(`dedupe: line ${lineNumber}: ${error instanceof Error ? error.message : String(error)}\n`);
      // Still one output line, so output line n always answers input line n.
      out = { id: idOf(line), duplicateOf: null };
    }
    if (!io.stdout.write(`${JSON.stringify(out)}\n`)) await once(io.stdout, 'drain');
  }
  await store.close();
  return failures > 0 ? 1 : 0;
}
