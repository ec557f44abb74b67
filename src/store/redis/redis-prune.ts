import { bucketOf, bucketsOfDay, dayOf, seenHourOf, slotOfDigest, type RedisKeys } from './keys.ts';
import { indexesOf } from './redis-filing.ts';
import { PRUNE_STORIES } from './redis-prune-script.ts';
import { decodeRecord } from './redis-record.ts';
import { KeyList, runScript, type RedisClient, type ScriptArg } from './redis-scripts.ts';

// Stories are removed in batches, oldest first-seen hour first, so that a long-unpruned store never
// loads at once; the hour holding the cutoff is read whole and only its earlier stories go.
const BATCH = 500;

/** Removes every story first seen before `cutoff`; returns how many. */
export async function pruneStories(redis: RedisClient, keys: RedisKeys, cutoff: Date, now: number): Promise<number> {
  const lastHour = seenHourOf(cutoff.getTime());
  let removed = 0;
  for (;;) {
    const [next] = await redis.zrange(keys.seenDirectory, '-inf', lastHour, 'BYSCORE', 'LIMIT', 0, 1);
    if (next === undefined) return removed;
    const hour = Number(next);
    const ids = await redis.lrange(keys.seen(hour), 0, hour < lastHour ? BATCH - 1 : -1);
    const records = ids.length > 0 ? await redis.hmgetBuffer(keys.records, ...ids) : [];
    const victims = ids
      .map((id, i) => ({ id, record: records[i] ?? null }))
      .filter(({ id, record }) => record === null || decodeRecord(id, record).head.firstSeen < cutoff.getTime())
      .slice(0, BATCH);
    // An hour whose remaining stories are all kept is the cutoff's: nothing older is left.
    if (ids.length > 0 && victims.length === 0) return removed;
    removed += (await removeStories(redis, keys, hour, victims, now)).removed;
  }
}

/** A story to remove: its id and record as read (null: only its first-seen list entry is left). */
export interface Victim {
  id: string;
  record: Buffer | null;
  /** The source that started it, when the caller knows (a record names its own). */
  startedBy?: string;
}

/** Removes stories first seen in one hour, as PRUNE_STORIES does; replies what it removed and skipped. */
export async function removeStories(
  redis: RedisClient,
  keys: RedisKeys,
  hour: number,
  victims: Victim[],
  now: number,
): Promise<{ removed: number; skipped: number }> {
  const list = new KeyList(keys.records, keys.versions, keys.seen(hour), keys.seenDirectory);
  const days = new Map<string, ScriptArg[]>();
  const args: ScriptArg[] = [now, hour, victims.length, ...victims.flatMap((victim) => victimArgs(victim, list, keys, days))];
  args.push(days.size, ...[...days.values()].flat());
  const [removed, skipped] = (await runScript(redis, PRUNE_STORIES, list.keys, args)) as [number, number];
  return { removed, skipped };
}

// A victim's index buckets and claims; the days it was in go to `days`, once each (directory key,
// day, then the keys of all that day's buckets), for the script to drop the days left empty.
function victimArgs({ id, record, startedBy }: Victim, list: KeyList, keys: RedisKeys, days: Map<string, ScriptArg[]>): ScriptArg[] {
  if (record === null) return [id, -1, startedBy === undefined ? 0 : list.index(keys.started(startedBy)), 0, 0];
  const { head } = decodeRecord(id, record);
  const indexes = indexesOf(head.regions, head.countries, head.sourceIds);
  // The first of a record's sources is its story's own (the copies' follow).
  const args: ScriptArg[] = [id, record.length, list.index(keys.started(head.sourceIds[0] as string)), indexes.length];
  const day = dayOf(head.published);
  for (const index of indexes) {
    args.push(list.index(keys.indexBucket(index, bucketOf(index, head.published))));
    const directory = keys.indexDirectory(index);
    if (!days.has(`${directory} ${day}`)) {
      const buckets = bucketsOfDay(index, day).map((bucket) => list.index(keys.indexBucket(index, bucket)));
      days.set(`${directory} ${day}`, [list.index(directory), day, buckets.length, ...buckets]);
    }
  }
  args.push(head.claims.length);
  for (const claim of head.claims) {
    const slot = slotOfDigest(claim);
    args.push(list.index(keys.identities(slot.bucket)), slot.field);
  }
  return args;
}
