/** KEYS: a mark. ARGV: a time (ms). Keeps the later of it and the time stored: workers with skewed clocks never move it back. */
export const MARK_LATER = `
local at = tonumber(ARGV[1])
if at > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], ARGV[1]) end
return 0`;
