import type { Redis } from 'ioredis';
import type { Story } from '../domain/index.ts';
import type { RedisKeys } from './keys.ts';
import { execAll, readStories } from './redis-read.ts';

// Stories are removed in batches so that a long-unpruned store never loads at once.
const BATCH = 500;

/** Removes every story first seen before `cutoff` from every index; returns how many. */
export async function pruneStories(redis: Redis, keys: RedisKeys, cutoff: Date): Promise<number> {
  let removed = 0;
  for (;;) {
    const ids = await redis.zrange(keys.firstSeen(), '-inf', `(${cutoff.getTime()}`, 'BYSCORE', 'LIMIT', 0, BATCH);
    if (ids.length === 0) return removed;
    await removeStories(redis, keys, ids);
    removed += ids.length;
  }
}

async function removeStories(redis: Redis, keys: RedisKeys, ids: string[]): Promise<void> {
  const [stories, claims] = await Promise.all([readStories(redis, keys, ids), readClaims(redis, keys, ids)]);
  const owned = await ownedIdentityKeys(redis, ids, claims);
  const commands = redis.multi();
  ids.forEach((id, i) => {
    commands.unlink(keys.story(id), keys.copies(id), keys.storyIdentities(id), ...(owned[i] as string[]));
    commands.zrem(keys.firstSeen(), id);
    const story = stories[i] as Story | undefined;
    // Without its JSON the story's sets are unknown; listings skip such a dangling id.
    for (const region of new Set(story?.regions)) commands.zrem(keys.region(region), id);
    for (const country of new Set(story?.countries)) commands.zrem(keys.country(country), id);
  });
  await execAll(commands);
}

async function readClaims(redis: Redis, keys: RedisKeys, ids: string[]): Promise<string[][]> {
  const commands = redis.pipeline();
  for (const id of ids) commands.smembers(keys.storyIdentities(id));
  return (await execAll(commands)) as string[][];
}

// An identity key claimed by a story is released only if that story still holds it: a later
// copy's key may already have belonged to another story.
async function ownedIdentityKeys(redis: Redis, ids: string[], claims: string[][]): Promise<string[][]> {
  const all = claims.flat();
  if (all.length === 0) return ids.map(() => []);
  const holders = await redis.mget(...all);
  let at = 0;
  return claims.map((claimed, i) => claimed.filter(() => holders[at++] === ids[i]));
}
