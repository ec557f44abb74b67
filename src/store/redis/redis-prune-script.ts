import { RECORD_LUA } from './redis-lua.ts';

/**
 * Removes a batch of stories of one first-seen hour with every index entry and the identity claims
 * they still hold, bumps the feeds they were in, drops the hour from the seen directory once its
 * list is empty and a day from an index directory once all its buckets are. A story whose record
 * changed since the client read it (a copy attached) is skipped: the client reads it again.
 *
 * KEYS: records, versions, the hour's seen list, seen directory, then the keys victims refer to.
 * ARGV: now ms, hour, victim count, then per victim: id, record length read (-1: no record, only
 * its list entry is left), the key of its source's started stories (0: none known), n index bucket keys, n claims × (bucket key, field); then the days the
 * victims were in: n × (directory key, day, m bucket keys of that day). Replies { removed, skipped }.
 */
export const PRUNE_STORIES =
  RECORD_LUA +
  `
local a = 3
local function arg() a = a + 1 return ARGV[a] end
local function num() return tonumber(arg()) end
local removed, skipped, fields = 0, 0, {}
for i = 1, tonumber(ARGV[3]) do
  local id, length, started = arg(), num(), num()
  local index, claims = {}, {}
  for j = 1, num() do index[j] = num() end
  for j = 1, num() do claims[j] = { num(), arg() } end
  local v = redis.call('HGET', KEYS[1], id)
  if length == -1 or (v and #v == length) then
    if v then
      feedsOf(v, fields)
      redis.call('HDEL', KEYS[1], id)
      removed = removed + 1
    end
    for _, ki in ipairs(index) do redis.call('ZREM', KEYS[ki], id) end
    for _, c in ipairs(claims) do
      if redis.call('HGET', KEYS[c[1]], c[2]) == id then redis.call('HDEL', KEYS[c[1]], c[2]) end
    end
    if started > 0 then redis.call('ZREM', KEYS[started], id) end
    redis.call('LREM', KEYS[3], 1, id)
  else
    skipped = skipped + 1
  end
end
for _ = 1, num() do
  local dir, day, empty = num(), arg(), true
  for _ = 1, num() do empty = redis.call('EXISTS', KEYS[num()]) == 0 and empty end
  if empty then redis.call('ZREM', KEYS[dir], day) end
end
if redis.call('LLEN', KEYS[3]) == 0 then redis.call('ZREM', KEYS[4], ARGV[2]) end
bump(KEYS[2], fields, tonumber(ARGV[1]))
return { removed, skipped }`;
