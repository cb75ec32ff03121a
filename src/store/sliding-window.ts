/**
 * Sliding-window rate limit on Redis time (so every instance agrees): KEYS[1] the window's sorted set,
 * ARGV[1] the limit, ARGV[2] the window in ms, ARGV[3] a unique member. Returns 0 when a slot was taken,
 * else the ms to wait before one frees up.
 */
export const SLIDING_WINDOW_LUA = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)`;
