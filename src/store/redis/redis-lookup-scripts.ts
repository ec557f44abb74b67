import { RECORD_LUA } from './redis-lua.ts';

/**
 * KEYS: records, then identity buckets. ARGV: triples of (bucket key index, 8-byte field, id of the
 * story that would hold it through its record or ''). Replies the holding story id of each, false
 * where nobody holds it.
 */
export const FIND_HOLDERS =
  RECORD_LUA +
  `
local out = {}
for i = 1, #ARGV, 3 do
  local h = redis.call('HGET', KEYS[tonumber(ARGV[i])], ARGV[i + 1])
  if not h and ARGV[i + 2] ~= '' and holdsOwnItem(ARGV[i + 2]) then h = ARGV[i + 2] end
  out[#out + 1] = h or false
end
return out`;

/**
 * KEYS: records, then band hashes. ARGV: now ms, then triples of (this epoch's key index, last
 * epoch's key index, band field: see bandField). Replies flat (band number, 0 or -1 for the epoch, story id) of each band
 * held by a live story: stored, its fingerprint not expired at now.
 */
export const FIND_BANDS =
  RECORD_LUA +
  `
local now, out, alive = tonumber(ARGV[1]), {}, {}
for i = 2, #ARGV, 3 do
  for offset = 0, 1 do
    local id = redis.call('HGET', KEYS[tonumber(ARGV[i + offset])], ARGV[i + 2])
    if id then
      if alive[id] == nil then alive[id] = live(id, now) or false end
      if alive[id] then
        out[#out + 1] = (i + 1) / 3
        out[#out + 1] = -offset
        out[#out + 1] = id
      end
    end
  end
end
return out`;

/** KEYS: signature hashes. ARGV: pairs of (key index, story's signature field). Replies each signature, false if gone. */
export const READ_SIGNATURES = `
local out = {}
for i = 1, #ARGV, 2 do
  out[#out + 1] = redis.call('HGET', KEYS[tonumber(ARGV[i])], ARGV[i + 1]) or false
end
return out`;

/** KEYS: records. Replies the story count and the server's used_memory (on a Cluster, the slot's master's). */
export const STATS = `
local info = redis.call('INFO', 'memory')
return { redis.call('HLEN', KEYS[1]), tonumber(string.match(info, 'used_memory:(%d+)')) }`;

/** KEYS: records. ARGV: story ids. Replies each story's published ms (as text), false if not stored. */
export const READ_PUBLISHED = `
local out = {}
for i, id in ipairs(ARGV) do
  local v = redis.call('HGET', KEYS[1], id)
  out[i] = v and string.format('%.17g', struct.unpack('>d', v, 2)) or false
end
return out`;
