import { RECORD_LUA } from './redis-lua.ts';

/**
 * One stretch of a bounded listing scan. Walks the buckets of the primary index newest first (ties by
 * id, descending), after the cursor, testing each story's record against the other filters, and
 * stops at the first of: one match more than `limit` ('more'), `bound` entries scanned ('bound'),
 * the end of the buckets given ('end').
 *
 * KEYS: records, then bucket keys, newest first. ARGV: limit, bound, cursor score and id ('' for
 * none), since ms ('' for none), then the filters ('' for none): lower-cased language, region,
 * country, source, and the 2-byte hashes of the query's words, then each bucket's start (its scores
 * count from there; the cursor, since and replied scores are published ms). Replies { status, flat (id, score,
 * record) of each match, scanned count, score and id of the last entry scanned }.
 */
export const SCAN_INDEX =
  RECORD_LUA +
  `
local limit, bound, cs, cid = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4]
local sinceMs = ARGV[5] ~= '' and tonumber(ARGV[5])
local language, region, country, source, words = ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]
local atCursor = cs ~= '' and tonumber(cs)
local CHUNK = 256

-- Byte order, as Redis orders members of equal score.
local function beforeCursor(id)
  for i = 1, math.min(#id, #cid) do
    local x, y = string.byte(id, i), string.byte(cid, i)
    if x ~= y then return x < y end
  end
  return #id < #cid
end
-- Reads only what the filters ask of the record's head, building no tables (see redis-record.ts).
local function listHas(v, p, wanted)
  local found = false
  for _ = 1, string.byte(v, p) do
    local n = string.byte(v, p + 1)
    if wanted ~= '' and not found and string.sub(v, p + 2, p + 1 + n) == wanted then found = true end
    p = p + 1 + n
  end
  return wanted == '' or found, p + 1
end
local function hasWord(list, w)
  local p = 1
  while true do
    local at = string.find(list, w, p, true)
    if not at then return false end
    if at % 2 == 1 then return true end
    p = at + 1
  end
end
local function matches(v)
  local p, n = 22, string.byte(v, 22)
  if n == 255 then
    if language ~= '' then return false end
    p = p + 1
  else
    if language ~= '' and string.lower(string.sub(v, p + 1, p + n)) ~= language then return false end
    p = p + 1 + n
  end
  n = string.byte(v, p)
  local own = string.sub(v, p + 1, p + n)
  p = p + 1 + n
  local ok
  ok, p = listHas(v, p, region)
  if not ok then return false end
  ok, p = listHas(v, p, country)
  if not ok then return false end
  n = struct.unpack('>I2', v, p)
  if words ~= '' then
    local list = string.sub(v, p + 2, p + 1 + n)
    for i = 1, #words, 2 do
      if not hasWord(list, string.sub(words, i, i + 1)) then return false end
    end
  end
  p = p + 2 + n
  if source ~= '' and own ~= source then
    local tail = p + 4 + struct.unpack('>I4', v, p)
    for _, s in ipairs(copySources(v, tail)) do if s == source then return true end end
    return false
  end
  return true
end

-- Published ms as Redis writes a score (the buckets hold them less the bucket's start).
local function score(ms) return ms == '' and '' or string.format('%.17g', ms) end
local page, scanned, lastScore, lastId = {}, 0, '', ''
for k = 2, #KEYS do
  local offset = 0
  repeat
    local base = tonumber(ARGV[9 + k])
    local top = atCursor and string.format('%.17g', atCursor - base) or '+inf'
    local since = sinceMs and string.format('%.17g', sinceMs - base) or '-inf'
    local chunk = redis.call('ZRANGE', KEYS[k], top, since, 'BYSCORE', 'REV', 'LIMIT', offset, CHUNK, 'WITHSCORES')
    offset = offset + #chunk / 2
    for j = 1, #chunk, 2 do
      local id, ms = chunk[j], tonumber(chunk[j + 1]) + base
      if not (atCursor and ms == atCursor and not beforeCursor(id)) then
        scanned, lastScore, lastId = scanned + 1, ms, id
        local v = redis.call('HGET', KEYS[1], id)
        if v and matches(v) then
          if #page == 3 * limit then return { 'more', page, scanned, score(lastScore), lastId } end
          local n = #page
          page[n + 1] = id
          page[n + 2] = score(ms)
          page[n + 3] = v
        end
        if scanned >= bound then return { 'bound', page, scanned, score(lastScore), lastId } end
      end
    end
  until #chunk < 2 * CHUNK
end
return { 'end', page, scanned, score(lastScore), lastId }`;
