// Lua helpers the scripts share, prepended to each: reading a story record's head and tail (the
// layout is redis-record.ts's), liveness of a fingerprint holder, and feed version bumps.
// Ids are compared with ==, never < : Lua's < follows the server's locale, not bytes.

/** Functions over a record string `v`; `live` and `holdsOwnItem` need KEYS[1] to be the records hash. */
export const RECORD_LUA = `
local function str8(v, p)
  local n = string.byte(v, p)
  return string.sub(v, p + 1, p + n), p + 1 + n
end
local function list8(v, p)
  local out, n = {}, string.byte(v, p)
  p = p + 1
  for i = 1, n do out[i], p = str8(v, p) end
  return out, p
end
local function readHead(v)
  local h = {}
  h.published, h.expiry = struct.unpack('>dd', v, 2)
  local p = 22
  local n = string.byte(v, p)
  if n == 255 then p = p + 1 else h.language, p = str8(v, p) end
  h.source, p = str8(v, p)
  h.regions, p = list8(v, p)
  h.countries, p = list8(v, p)
  local w = struct.unpack('>I2', v, p)
  h.words, h.wordsEnd = p + 2, p + 1 + w
  p = p + 2 + w
  h.tail = p + 4 + struct.unpack('>I4', v, p)
  return h
end
local function copySources(v, p)
  local out = {}
  while p <= #v do
    if string.sub(v, p, p) == 'c' then
      local s
      s, p = str8(v, p + 1)
      out[#out + 1] = s
      p = p + 2 + struct.unpack('>I2', v, p)
    else
      p = p + 3 + struct.unpack('>I2', v, p + 1)
    end
  end
  return out
end
local function live(id, now)
  local v = redis.call('HGET', KEYS[1], id)
  return v and struct.unpack('>d', v, 10) > now
end
-- A story filed with the item key item:<its id> holds it through its record (flag in the format byte).
local function holdsOwnItem(id)
  local v = redis.call('HGET', KEYS[1], id)
  return v and string.byte(v, 1) >= 128
end
local function feedsOf(v, fields)
  local h = readHead(v)
  fields['all'] = true
  for _, r in ipairs(h.regions) do fields['r:' .. r] = true end
  for _, c in ipairs(h.countries) do fields['c:' .. c] = true end
end
local function bump(versionsKey, fields, now)
  for field in pairs(fields) do
    local v = tonumber(redis.call('HGET', versionsKey, field) or '0')
    redis.call('HSET', versionsKey, field, string.format('%d', math.max(now, v + 1)))
  end
end
`;

/**
 * \`noteChange(changes, count, id)\`: gives a state write the next change number (sourceStatesSince).
 * \`withStoredSubscription(sources, id, state)\`: the state JSON (filed without websub) with the
 * stored state's websub, if it has one. Only a state that names one is decoded; the subscription is
 * spliced in rather than re-encoding the whole state, as cjson would turn its empty arrays into {}.
 */
export const KEEP_SUBSCRIPTION_LUA = `
local function noteChange(changes, count, id)
  redis.call('ZADD', changes, redis.call('INCR', count), id)
end
local function withStoredSubscription(sources, id, state)
  local stored = redis.call('HGET', sources, id)
  if not stored or not string.find(stored, '"websub"', 1, true) then return state end
  local websub = cjson.decode(stored).websub
  if not websub then return state end
  return string.sub(state, 1, -2) .. ',"websub":' .. cjson.encode(websub) .. '}'
end
`;
