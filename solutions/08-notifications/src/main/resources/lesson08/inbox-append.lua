-- Adds an entry to an inbox and publishes it, in one step: Redis runs a script with no other command in between, so
-- the servers hear of an inbox's entries in the order of their ids, and the facts about the inbox stay true.
-- KEYS[1] the inbox's stream, KEYS[2] its facts (a hash: created, last, trimmed)
-- ARGV[1] the event, ARGV[2] the data, ARGV[3] the user it is not for ('' for none), ARGV[4] how many entries the
-- stream keeps, ARGV[5] how long both keys live after this entry (ms), ARGV[6] the channel to publish on
-- Returns the entry's id.
-- tag::append[]
local keep = tonumber(ARGV[4])
local length = redis.call('XLEN', KEYS[1])
if length >= keep then
  -- the entries this add pushes out: remember the newest of them, so a cursor before it is known to be a gap
  local dropped = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', length - keep + 1)
  redis.call('HSET', KEYS[2], 'trimmed', dropped[#dropped][1])
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', keep, '*', 'event', ARGV[1], 'data', ARGV[2], 'except', ARGV[3])
redis.call('HSETNX', KEYS[2], 'created', id)
redis.call('HSET', KEYS[2], 'last', id)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('PUBLISH', ARGV[6], id .. '\n' .. ARGV[1] .. '\n' .. ARGV[3] .. '\n' .. ARGV[2])
return id
-- end::append[]
