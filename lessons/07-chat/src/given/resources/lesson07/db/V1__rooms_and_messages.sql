-- The chat's tables. Flyway applies each versioned file once, in order, and records it in flyway_schema_history:
-- a change to the schema is a new file (V2__...), never an edit of this one.

-- One row per room: its numbering. A publish locks the row (SELECT ... FOR UPDATE) for the length of its
-- transaction, so the room's messages are numbered one at a time, in the order their transactions commit.
CREATE TABLE rooms (
    name     text   PRIMARY KEY,
    epoch    text   NOT NULL,           -- set once: the database never numbers a room again from 1
    last_seq bigint NOT NULL DEFAULT 0  -- the room's latest seq, 0 before its first message
);

-- Every message, by room and seq. A deleted message stays as a tombstone (data NULL, deleted_at set), so that a
-- client that comes back learns it was deleted instead of missing a number.
CREATE TABLE messages (
    room          text        NOT NULL REFERENCES rooms (name),
    seq           bigint      NOT NULL,
    author        text        NOT NULL,
    client_msg_id text,                            -- the sender's id for the message, the same on every retry
    data          jsonb,                           -- NULL once deleted
    sent_at       timestamptz NOT NULL,
    version       integer     NOT NULL DEFAULT 1,  -- 1, then one more for each edit and for the delete
    edited_at     timestamptz,
    deleted_at    timestamptz,
    PRIMARY KEY (room, seq),
    -- a retry of the same message can never be stored twice, whatever the code above it does
    CONSTRAINT one_message_per_client_id UNIQUE (room, author, client_msg_id)
);

-- Where each user has read up to, per room. It only moves forward (see ReadReceipts).
CREATE TABLE read_cursors (
    room      text   NOT NULL REFERENCES rooms (name),
    user_name text   NOT NULL,
    last_read bigint NOT NULL,
    PRIMARY KEY (room, user_name)
);
