-- Numbers a room message and keeps it, in one step: Redis runs a script with no other command in between, so a
-- number is never given twice, the stream never lacks a number that was given, and numbers reach it in order.
-- KEYS[1] the room's counter, KEYS[2] its stream, KEYS[3] its epoch
-- ARGV[1] the sender, ARGV[2] the data (JSON), ARGV[3] the time (ms), ARGV[4] how many entries the stream keeps
-- (about), ARGV[5] an epoch to use if the room has none, ARGV[6] how long the room's keys live after this message (ms)
-- Returns {seq, epoch}.
-- tag::append[]
if redis.call('EXISTS', KEYS[1]) == 0 and redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('DEL', KEYS[2], KEYS[3]) -- the counter is gone but not the stream: numbering starts again, new epoch
end
redis.call('SET', KEYS[3], ARGV[5], 'NX')
local epoch = redis.call('GET', KEYS[3])
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], seq .. '-0', 'from', ARGV[1], 'data', ARGV[2], 'ts', ARGV[3])
for i = 1, 3 do
  redis.call('PEXPIRE', KEYS[i], ARGV[6])
end
return {seq, epoch}
-- end::append[]
