import { StoreError } from '../../domain/index.ts';
import { LAYOUT, type RedisKeys } from './keys.ts';
import type { RedisClient } from './redis-scripts.ts';

// A store remembers the layout it was written in (keys.ts LAYOUT) in its `layout` key, set by its
// first filing. Stores of layout 2 and before carry no mark, so a store holding stories and no mark
// is of an older layout. Either is refused, at open and again inside every filing (atomically):
// read as this layout, its near-duplicate bands would be missed and copies filed as new stories.

/** Lua for the filing script: marks an empty store, else replies `layout <found>` unless it is LAYOUT. KEYS[1] records, KEYS[5] layout. */
export const CHECK_LAYOUT_LUA = `
local layout = redis.call('GET', KEYS[5])
if not layout and redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('SET', KEYS[5], '${LAYOUT}')
  layout = '${LAYOUT}'
end
if layout ~= '${LAYOUT}' then return 'layout ' .. (layout or 'unmarked') end
`;

/** Fails unless the store is empty or of this LAYOUT. */
export async function checkLayout(redis: RedisClient, keys: RedisKeys): Promise<void> {
  const [layout, stories] = await Promise.all([redis.get(keys.layout), redis.hlen(keys.records)]);
  if (layout === null && stories === 0) return;
  if (layout !== String(LAYOUT)) throw layoutError(keys, layout ?? 'unmarked');
}

/** The error for a store of another layout (`found`: its mark, or `unmarked` for layout 2 and before). */
export function layoutError(keys: RedisKeys, found: string): StoreError {
  const was = found === 'unmarked' ? 'an earlier layout (2 or before, unmarked)' : `layout ${found}`;
  return new StoreError(
    `store: the Redis store ${keys.records.slice(0, keys.records.indexOf('}') + 1)} was written in ${was}; this wirefeed reads and writes layout ${LAYOUT} only, ` +
      'so it will not use it: run the wirefeed that wrote it, or give this one another key prefix (its worker then files every source again)',
  );
}
