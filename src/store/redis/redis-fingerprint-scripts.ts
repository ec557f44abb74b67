// A feed's fingerprint lookups and writes as one script call each: thousands of HGETs in one
// pipeline cost the client ~12 µs apiece, in a script a fraction of that. The lookups build their
// hash names from prefixes keys.ts gives (RedisKeys.scriptPrefixes) instead of taking 2,400 full keys
// in KEYS per feed, which made socket writes the client's largest cost. Keys not declared in KEYS are
// fine on the single-instance Redis wirefeed runs on; it does not support Redis Cluster.

/**
 * ARGV: band hash prefix, first epoch, last epoch, then one packed string of `shard:band` pairs split
 * by spaces (band keys are base-36 words). Returns flat [position, story id] of each hit, the position
 * counting epoch-major from 1 over (epoch, band).
 */
export const FIND_BANDS = `
local prefix, first, last = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local shards, bands = {}, {}
for shard, band in string.gmatch(ARGV[4], '(%d+):(%S+)') do
  shards[#shards + 1] = shard
  bands[#bands + 1] = band
end
local n = #bands
local hits = {}
for day = first, last do
  local base = prefix .. string.format('%d', day) .. ':'
  for i = 1, n do
    local id = redis.call('HGET', base .. shards[i], bands[i])
    if id then
      hits[#hits + 1] = (day - first) * n + i
      hits[#hits + 1] = id
    end
  end
end
return hits`;

/**
 * ARGV: signature hash prefix, story key prefix, packed `epoch:shard` of each story split by spaces,
 * then the m story ids. Returns each signature, false when it or its story is gone.
 */
export const READ_SIGNATURES = `
local places = {}
for place in string.gmatch(ARGV[3], '%S+') do places[#places + 1] = place end
local m = #ARGV - 3
local out = {}
for i = 1, m do
  local id = ARGV[3 + i]
  local signature = redis.call('HGET', ARGV[1] .. places[i], id)
  if signature and redis.call('EXISTS', ARGV[2] .. id) == 1 then out[i] = signature else out[i] = false end
end
return out`;

/**
 * ARGV: expiry (ms), the epoch's band hash prefix and signature hash prefix (each ending in `epoch:`),
 * packed `shard:band:entry` of every band split by spaces (entry counting from 1), packed signature
 * shards of the m entries, then the m story ids and their m signatures. A band key already held
 * keeps its story. A group's expiry is fixed, so it is set with NX once per hash this call added a
 * field to: a hash whose field was already there got its expiry when it was created.
 */
export const INDEX_FINGERPRINTS = `
local ids = {}
for i = 6, #ARGV do ids[#ids + 1] = ARGV[i] end
local m = #ids / 2
local touched = {}
for shard, band, entry in string.gmatch(ARGV[4], '(%d+):(%S+):(%d+)') do
  local key = ARGV[2] .. shard
  if redis.call('HSETNX', key, band, ids[tonumber(entry)]) == 1 and not touched[key] then
    touched[key] = true
    redis.call('PEXPIREAT', key, ARGV[1], 'NX')
  end
end
local j = 0
for shard in string.gmatch(ARGV[5], '%d+') do
  j = j + 1
  local key = ARGV[3] .. shard
  redis.call('HSET', key, ids[j], ids[m + j])
  if not touched[key] then
    touched[key] = true
    redis.call('PEXPIREAT', key, ARGV[1], 'NX')
  end
end
return 1`;
