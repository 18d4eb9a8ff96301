-- Reads a room's epoch, latest number and kept messages in one step, so that the three agree.
-- KEYS[1] the room's counter, KEYS[2] its stream, KEYS[3] its epoch
-- ARGV[1] an epoch to use if the room has none, ARGV[2] how long the keys live (ms),
-- ARGV[3] 'after' or 'last', ARGV[4] for 'after': the seq to read after; for 'last': how many to read (0: none)
-- tag::read[]
if redis.call('SET', KEYS[3], ARGV[1], 'NX') then
  redis.call('PEXPIRE', KEYS[3], ARGV[2])
end
local epoch = redis.call('GET', KEYS[3])
local latest = tonumber(redis.call('GET', KEYS[1]) or '0')
local entries = {}
if ARGV[3] == 'after' then
  entries = redis.call('XRANGE', KEYS[2], '(' .. ARGV[4] .. '-0', '+')
elseif tonumber(ARGV[4]) > 0 then
  entries = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', ARGV[4])
end
return {epoch, latest, entries}
-- end::read[]
