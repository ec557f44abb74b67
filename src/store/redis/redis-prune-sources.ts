import type { SourceRetention } from '../store.ts';
import { seenHourOf, type RedisKeys } from './keys.ts';
import { removeStories, type Victim } from './redis-prune.ts';
import type { RedisClient } from './redis-scripts.ts';

// Read and removed a batch at a time, as prune does, so a long-unpruned source never loads at once.
const BATCH = 500;

/**
 * Removes, per source, the stories it started first seen before `since` or beyond its `keep` newest
 * (by first seen, then id: the started set's order), through prune's script; returns how many.
 */
export async function pruneSourceStories(redis: RedisClient, keys: RedisKeys, limits: SourceRetention[], now: number): Promise<number> {
  let removed = 0;
  for (const limit of limits) {
    for (;;) {
      const batch = await nextBatch(redis, keys, limit);
      if (batch.length === 0) break;
      const round = await removeByHour(redis, keys, limit.sourceId, batch, now);
      removed += round.removed;
      // Every id read was either removed, skipped (changed meanwhile: read again) or a stale entry now gone.
      if (round.removed + round.skipped === 0 && !round.stale) break;
    }
  }
  return removed;
}

// [id, first seen ms, id, first seen ms, …]: the expired first, then the surplus past `keep`.
async function nextBatch(redis: RedisClient, keys: RedisKeys, { sourceId, since, keep }: SourceRetention): Promise<string[]> {
  const started = keys.started(sourceId);
  const expired = await redis.zrange(started, '-inf', `(${since.getTime()}`, 'BYSCORE', 'LIMIT', 0, BATCH, 'WITHSCORES');
  if (expired.length > 0 || keep === undefined) return expired;
  const surplus = (await redis.zcard(started)) - keep;
  return surplus > 0 ? redis.zrange(started, 0, Math.min(surplus, BATCH) - 1, 'WITHSCORES') : [];
}

// Prune's script removes stories of one first-seen hour (it drops their entries from that hour's list).
async function removeByHour(
  redis: RedisClient,
  keys: RedisKeys,
  sourceId: string,
  batch: string[],
  now: number,
): Promise<{ removed: number; skipped: number; stale: boolean }> {
  const ids = batch.filter((_, i) => i % 2 === 0);
  const records = await redis.hmgetBuffer(keys.records, ...ids);
  const hours = new Map<number, Victim[]>();
  ids.forEach((id, i) => {
    const hour = seenHourOf(Number(batch[2 * i + 1]));
    hours.set(hour, [...(hours.get(hour) ?? []), { id, record: records[i] ?? null, startedBy: sourceId }]);
  });
  const total = { removed: 0, skipped: 0, stale: records.some((record) => record === null) };
  for (const [hour, victims] of hours) {
    const { removed, skipped } = await removeStories(redis, keys, hour, victims, now);
    total.removed += removed;
    total.skipped += skipped;
  }
  return total;
}
