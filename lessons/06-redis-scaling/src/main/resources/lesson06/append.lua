-- Numbers a room message and keeps it, in one step: Redis runs a script with no other command in between, so a
-- number is never given twice, the stream never lacks a number that was given, and numbers reach it in order.
-- KEYS[1] the room's counter, KEYS[2] its stream, KEYS[3] its epoch
-- ARGV[1] the sender, ARGV[2] the data (JSON), ARGV[3] the time (ms), ARGV[4] how many entries the stream keeps
-- (about), ARGV[5] an epoch to use if the room has none, ARGV[6] how long the room's keys live after this message (ms)
-- Returns {seq, epoch}.
error("Step 1: give the message the room's next seq and add it to the room's stream under the id seq-0 with its sender, data and time, in one step; keep the room's epoch (ARGV[5] only if it has none; a room whose counter is gone but whose stream is not starts again from 1 in a new epoch), keep about ARGV[4] entries, let the three keys expire ARGV[6] ms after this message, and return {seq, epoch} (see README, step 1)")
