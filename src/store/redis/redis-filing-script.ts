import { CHECK_LAYOUT_LUA } from './redis-layout.ts';
import { KEEP_SUBSCRIPTION_LUA, RECORD_LUA } from './redis-lua.ts';

/**
 * Files a source's poll: checks every entry against the stored state plus the entries before it,
 * then, only if none conflicts, writes them all. Replies 'filed' or the conflict found.
 *
 * KEYS: records, versions, sources, seen directory, layout, source changes, source change count, then
 * the keys entries refer to by index.
 * ARGV: now ms, source id, state JSON, fingerprint group expiry (ms), entry count, '1' to keep the
 * stored state's websub (the state JSON then has none), then each entry:
 * - 'n', id, record, published score, seen list key, seen hour, item claim, n identity claims,
 *   n index entries × (bucket key, directory key, day, score in the bucket), n bands × (this epoch's key, last
 *   epoch's key, band field, band key, holder dedupe saw or ''), signature key, signature field, signature,
 *   the key of the stories its source started, first seen ms;
 * - 'c', story id, copy tail entry, published dedupe read ('' if filed by this filing), item
 *   claim, n identity claims, source bucket key, directory key, day, score in the bucket.
 * A claim is (bucket key, 10-byte digest: its field in the bucket is the last 8); an item claim adds
 * the id of the story whose record would hold it implicitly ('' for none, see redis-record.ts).
 * A store of another layout gets no write and the reply `layout <found>` (see redis-layout.ts).
 */
export const FILE_SOURCE =
  RECORD_LUA +
  CHECK_LAYOUT_LUA +
  KEEP_SUBSCRIPTION_LUA +
  `
local now, expireAt = tonumber(ARGV[1]), ARGV[4]
local a = 6
local function arg() a = a + 1 return ARGV[a] end
local function num() return tonumber(arg()) end
local function claim()
  local ki, digest = num(), arg()
  return { ki = ki, digest = digest, field = string.sub(digest, 3) }
end
local function claims(n)
  local out = {}
  for i = 1, n do out[i] = claim() end
  return out
end
local function itemClaim()
  local c = claim()
  c.implied = arg()
  return c
end
local entries = {}
for i = 1, tonumber(ARGV[5]) do
  local e = { kind = arg() }
  if e.kind == 'n' then
    e.id, e.record, e.score, e.seen, e.hour = arg(), arg(), arg(), num(), arg()
    e.item = itemClaim()
    e.claims = claims(num())
    e.index = {}
    for j = 1, num() do e.index[j] = { bucket = num(), dir = num(), n = arg(), score = arg() } end
    e.bands = {}
    for j = 1, num() do e.bands[j] = { cur = num(), prev = num(), band = arg(), text = arg(), seen = arg() } end
    e.sig, e.sigField, e.signature = num(), arg(), arg()
    e.started, e.firstSeen = num(), arg()
  else
    e.story, e.tail, e.published = arg(), arg(), arg()
    e.item = itemClaim()
    e.ids = claims(num())
    e.bucket, e.dir, e.n, e.indexScore = num(), num(), arg(), arg()
  end
  entries[i] = e
end

local claimed, filed, bandTaken, liveness = {}, {}, {}, {}
-- Whether a stored story's fingerprint is live; read once per holder.
local function alive(id)
  if liveness[id] == nil then liveness[id] = live(id, now) or false end
  return liveness[id]
end
local function holder(c)
  local h = claimed[c.ki .. ':' .. c.field] or redis.call('HGET', KEYS[c.ki], c.field)
  if not h and c.implied and c.implied ~= '' and holdsOwnItem(c.implied) then h = c.implied end
  return h
end
local function checkNew(e)
  if filed[e.id] or redis.call('HEXISTS', KEYS[1], e.id) == 1 then return 'story ' .. e.id .. ' is already stored' end
  local h = holder(e.item)
  if h then return 'its item key is held by story ' .. h end
  for _, c in ipairs(e.claims) do
    h = holder(c)
    if h and h ~= e.id then return 'an identity key is held by story ' .. h end
  end
  for _, b in ipairs(e.bands) do
    b.holders = { redis.call('HGET', KEYS[b.cur], b.band), redis.call('HGET', KEYS[b.prev], b.band) }
    for _, h in pairs(b.holders) do
      if h and h ~= b.seen and alive(h) then return 'band key ' .. b.text .. ' is held by live story ' .. h end
    end
  end
  claimed[e.item.ki .. ':' .. e.item.field] = e.id
  for _, c in ipairs(e.claims) do claimed[c.ki .. ':' .. c.field] = e.id end
  filed[e.id] = true
end
local function checkCopy(e)
  if not filed[e.story] then
    local v = redis.call('HGET', KEYS[1], e.story)
    if not v then return 'story ' .. e.story .. ' is not stored' end
    if struct.unpack('>d', v, 2) ~= tonumber(e.published) then return 'story ' .. e.story .. ' was stored again since' end
  end
  local h = holder(e.item)
  if h then return 'its item key is held by story ' .. h end
  e.won = { e.item }
  claimed[e.item.ki .. ':' .. e.item.field] = e.story
  for _, c in ipairs(e.ids) do
    if not holder(c) then
      claimed[c.ki .. ':' .. c.field] = e.story
      e.won[#e.won + 1] = c
    end
  end
end
for i, e in ipairs(entries) do
  local conflict = e.kind == 'n' and checkNew(e) or e.kind == 'c' and checkCopy(e)
  if conflict then return 'entry ' .. i .. ': ' .. conflict end
end

-- A filing's stories share buckets: each directory entry and group expiry is written once.
local touched, listed, fields = {}, {}, {}
local function expireOnce(ki)
  if not touched[ki] then
    touched[ki] = true
    redis.call('PEXPIREAT', KEYS[ki], expireAt, 'NX')
  end
end
local function listOnce(ki, n)
  if not listed[ki .. ':' .. n] then
    listed[ki .. ':' .. n] = true
    redis.call('ZADD', KEYS[ki], n, n)
  end
end
for _, e in ipairs(entries) do
  if e.kind == 'n' then
    redis.call('HSET', KEYS[1], e.id, e.record)
    if e.item.implied ~= e.id then redis.call('HSET', KEYS[e.item.ki], e.item.field, e.id) end
    for _, c in ipairs(e.claims) do redis.call('HSET', KEYS[c.ki], c.field, e.id) end
    for _, x in ipairs(e.index) do
      redis.call('ZADD', KEYS[x.bucket], x.score, e.id)
      listOnce(x.dir, x.n)
    end
    redis.call('RPUSH', KEYS[e.seen], e.id)
    redis.call('ZADD', KEYS[e.started], e.firstSeen, e.id)
    listOnce(4, e.hour)
    -- A band key stays with its first live holder, in either group: the story dedupe saw, or an
    -- earlier entry of this filing; a holder gone or expired is replaced.
    for _, b in ipairs(e.bands) do
      local key = b.cur .. ':' .. b.band
      local taken = bandTaken[key]
      for _, h in pairs(b.holders) do taken = taken or (h and alive(h) and h) end
      if not taken then
        redis.call('HSET', KEYS[b.cur], b.band, e.id)
        bandTaken[key] = e.id
        expireOnce(b.cur)
      end
    end
    if #e.bands > 0 then
      redis.call('HSET', KEYS[e.sig], e.sigField, e.signature)
      expireOnce(e.sig)
    end
    feedsOf(e.record, fields)
  else
    local digests = {}
    for _, c in ipairs(e.won) do
      redis.call('HSET', KEYS[c.ki], c.field, e.story)
      digests[#digests + 1] = c.digest
    end
    local d = table.concat(digests)
    local v = redis.call('HGET', KEYS[1], e.story) .. e.tail .. 'k' .. struct.pack('>I2', #d) .. d
    redis.call('HSET', KEYS[1], e.story, v)
    redis.call('ZADD', KEYS[e.bucket], e.indexScore, e.story)
    listOnce(e.dir, e.n)
    feedsOf(v, fields)
  end
end
local state = ARGV[3]
if ARGV[6] == '1' then state = withStoredSubscription(KEYS[3], ARGV[2], state) end
redis.call('HSET', KEYS[3], ARGV[2], state)
noteChange(KEYS[6], KEYS[7], ARGV[2])
bump(KEYS[2], fields, now)
return 'filed'`;

/**
 * Files the states of polls that brought no items, each keeping its stored websub (Store.fileStates).
 * KEYS: sources, source changes, source change count. ARGV: pairs of source id and state JSON without websub.
 */
export const FILE_STATES =
  KEEP_SUBSCRIPTION_LUA +
  `
for i = 1, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], withStoredSubscription(KEYS[1], ARGV[i], ARGV[i + 1]))
  noteChange(KEYS[2], KEYS[3], ARGV[i])
end
return #ARGV / 2`;

/**
 * The states written after change number ARGV[1]: KEYS: sources, source changes. Replies the highest
 * change number read, then (id, state JSON) pairs, in change order, read in one atomic step.
 */
export const READ_CHANGED_STATES = `
local changed = redis.call('ZRANGE', KEYS[2], '(' .. ARGV[1], '+inf', 'BYSCORE', 'WITHSCORES')
local out = { ARGV[1] }
for i = 1, #changed, 2 do
  local state = redis.call('HGET', KEYS[1], changed[i])
  if state then
    out[#out + 1] = changed[i]
    out[#out + 1] = state
  end
  out[1] = changed[i + 1]
end
return out`;

/** Every state and the last change number, in one atomic step: KEYS: sources, source change count. */
export const READ_ALL_STATES = `
return { redis.call('GET', KEYS[2]) or '0', redis.call('HGETALL', KEYS[1]) }`;
