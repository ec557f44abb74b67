import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

// Lua runs on the server atomically in one round trip: the only way to check that a story
// does not exist yet and write it with all its index entries without a WATCH/retry loop.
// Every key these scripts use arrives in KEYS, built by keys.ts (the fingerprint lookups differ: see redis-fingerprint-scripts.ts).

/**
 * KEYS: story, story-identities, first-seen, n identity keys, then the region/country sets.
 * ARGV: story JSON, id, published score, first-seen score, n. Returns 0 if the story exists,
 * the id of another story holding one of the identity keys (nothing written), else 1.
 */
export const SAVE_STORY = `
local n = tonumber(ARGV[5])
for i = 4, 3 + n do
  local holder = redis.call('GET', KEYS[i])
  if holder and holder ~= ARGV[2] then return holder end
end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
for i = 4, 3 + n do
  redis.call('SET', KEYS[i], ARGV[2], 'NX')
  redis.call('SADD', KEYS[2], KEYS[i])
end
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
for i = 4 + n, #KEYS do redis.call('ZADD', KEYS[i], ARGV[3], ARGV[2]) end
return 1`;

/**
 * KEYS: story, copies, story-identities, then the identity keys.
 * ARGV: copy JSON, story id. Returns 0 if the story does not exist.
 */
export const ADD_COPY = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
for i = 4, #KEYS do
  redis.call('SET', KEYS[i], ARGV[2], 'NX')
  redis.call('SADD', KEYS[3], KEYS[i])
end
return 1`;

const digests = new Map<string, string>();

/** Runs a script by its digest, sending the source only the first time a server lacks it. */
export async function runScript(redis: Redis, script: string, keys: string[], args: (string | number | Buffer)[]): Promise<unknown> {
  let sha = digests.get(script);
  if (!sha) digests.set(script, (sha = createHash('sha1').update(script).digest('hex')));
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}

/** runScript for a script whose replies are bytes (fingerprint signatures): bulk replies come back as Buffers. */
export async function runScriptBuffer(redis: Redis, script: string, keys: string[], args: (string | number | Buffer)[]): Promise<unknown> {
  let sha = digests.get(script);
  if (!sha) digests.set(script, (sha = createHash('sha1').update(script).digest('hex')));
  try {
    return await redis.callBuffer('EVALSHA', sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.callBuffer('EVAL', script, keys.length, ...keys, ...args);
  }
}
