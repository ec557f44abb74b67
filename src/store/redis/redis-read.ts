import type { ChainableCommander, Redis } from 'ioredis';
import { StoreError, type Copy, type Story } from '../domain/index.ts';
import type { ListOptions, StoryPage } from './store.ts';
import type { RedisKeys } from './keys.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { checkLimit, compareIds, type IndexEntry } from './story-order.ts';

/** Runs a pipeline or MULTI and returns its replies, throwing the first command error. */
export async function execAll(commands: ChainableCommander): Promise<unknown[]> {
  const replies = await commands.exec();
  if (!replies) throw new StoreError('store: Redis transaction was aborted');
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}

/** Reads stories with their later copies in one round trip; undefined where a story is gone. */
export async function readStories(redis: Redis, keys: RedisKeys, ids: string[]): Promise<(Story | undefined)[]> {
  if (ids.length === 0) return [];
  const commands = redis.multi();
  for (const id of ids) commands.get(keys.story(id)).lrange(keys.copies(id), 0, -1);
  const replies = await execAll(commands);
  return ids.map((id, i) => {
    const json = replies[2 * i] as string | null;
    if (json === null) return undefined;
    const story = parseJson<Story>(json, `story ${id}`);
    const copies = (replies[2 * i + 1] as string[]).map((copy) => parseJson<Copy>(copy, `a copy of story ${id}`));
    return { ...story, copies: [...story.copies, ...copies] };
  });
}

/** Parses stored JSON, naming what it was when it is not JSON. */
export function parseJson<T>(json: string, what: string): T {
  try {
    return JSON.parse(json) as T;
  } catch (error) {
    throw new StoreError(`store: ${what} is stored as invalid JSON`, { cause: error });
  }
}

/** One page of a listing sorted set, newest first, after the cursor's entry. */
export async function readPage(redis: Redis, keys: RedisKeys, setKey: string, options: ListOptions): Promise<StoryPage> {
  checkLimit(options.limit);
  const cursor = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const entries = (await readEntries(redis, setKey, cursor, options.limit + 1)).slice(0, options.limit + 1);
  const shown = entries.slice(0, options.limit);
  const found = await readStories(redis, keys, shown.map((entry) => entry.id));
  // A story pruned between the two reads is simply no longer there to show.
  const stories = found.filter((story): story is Story => story !== undefined);
  const last = shown.at(-1);
  return entries.length > options.limit && last ? { stories, next: encodeCursor(last) } : { stories };
}

// Entries after the cursor: the cursor's equal-score ties with a smaller id, then lower scores.
async function readEntries(redis: Redis, setKey: string, cursor: IndexEntry | undefined, count: number): Promise<IndexEntry[]> {
  if (!cursor) return toEntries(await redis.zrange(setKey, '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, count, 'WITHSCORES'));
  const commands = redis.multi();
  commands.zrange(setKey, cursor.score, cursor.score, 'BYSCORE', 'REV', 'WITHSCORES');
  commands.zrange(setKey, `(${cursor.score}`, '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, count, 'WITHSCORES');
  const [ties, older] = (await execAll(commands)) as [string[], string[]];
  const after = toEntries(ties).filter((entry) => compareIds(entry.id, cursor.id) < 0);
  return [...after, ...toEntries(older)];
}

function toEntries(reply: string[]): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (let i = 0; i < reply.length; i += 2) entries.push({ id: reply[i] as string, score: Number(reply[i + 1]) });
  return entries;
}
