-- Adds an entry to an inbox and publishes it, in one step: Redis runs a script with no other command in between, so
-- the servers hear of an inbox's entries in the order of their ids, and the facts about the inbox stay true.
-- KEYS[1] the inbox's stream, KEYS[2] its facts (a hash: created, last, trimmed)
-- ARGV[1] the event, ARGV[2] the data, ARGV[3] the user it is not for ('' for none), ARGV[4] how many entries the
-- stream keeps, ARGV[5] how long both keys live after this entry (ms), ARGV[6] the channel to publish on
-- Returns the entry's id.
error("Step 1: add the entry to the stream with the id * and the fields event, data and except, keeping ARGV[4] entries; before that, if the add pushes entries out, set the hash's trimmed to the newest of them; set created (only if unset) and last to the new id; let both keys expire ARGV[5] ms from now; publish id, event, except and data, one per line, on ARGV[6]; return the id (see README, step 1)")
