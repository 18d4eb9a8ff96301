package dev.realtimelessons.lesson07;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ClientRequest;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson03.RoomName;

/**
 * Lesson 07's requests, each in one room whose name follows lesson 03's rule: {@code publish} with a
 * {@code client_msg_id}; {@code edit}, {@code delete} and {@code read}, which name a message by its {@code seq};
 * {@code typing} that can stop; and {@code sync}, which pages through the room's messages.
 */
public sealed interface ChatRequest extends ClientRequest {

    /** @return the room's name */
    String room();

    @Override
    default void validate() throws ProtocolError {
        RoomName.valid(room());
    }

    /**
     * {@code publish}: lesson 03's, with the sender's own id for the message.
     *
     * @param room        the room
     * @param data        the payload, passed on untouched
     * @param excludeSelf true to leave the sender's connection out
     * @param clientMsgId the sender's id for this message, the same on every retry: 1 to 64 letters, digits,
     *                    {@code -} or {@code _}; optional, but a publish without one cannot be retried safely
     */
    @JsonTypeName("publish")
    record Publish(@MayBeEmpty String room, JsonNode data, boolean excludeSelf, @MayBeAbsent String clientMsgId)
            implements ChatRequest {
        @Override
        public void validate() throws ProtocolError {
            ChatRequest.super.validate();
            validClientMsgId(clientMsgId);
        }
    }

    /**
     * Checks a {@code client_msg_id}.
     *
     * @param clientMsgId the id, or null
     * @throws ProtocolError {@code invalid_field} unless it is null or 1 to 64 letters, digits, {@code -} or
     *                       {@code _}
     */
    static void validClientMsgId(String clientMsgId) throws ProtocolError {
        if (clientMsgId != null && !clientMsgId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD,
                    "client_msg_id must be 1 to 64 letters, digits, '-' or '_'");
        }
    }

    /**
     * {@code edit}: new data for one of the sender's messages.
     *
     * @param room    the room
     * @param seq     the message
     * @param data    its new payload
     * @param version the version the client edited, to refuse the edit if the message changed since; optional
     */
    @JsonTypeName("edit")
    record Edit(@MayBeEmpty String room, Long seq, JsonNode data, Long version) implements ChatRequest {
        @Override
        public void validate() throws ProtocolError {
            ChatRequest.super.validate();
            requireSeq(seq);
        }
    }

    /**
     * {@code delete}: one of the sender's messages, which leaves a tombstone.
     *
     * @param room the room
     * @param seq  the message
     */
    @JsonTypeName("delete")
    record Delete(@MayBeEmpty String room, Long seq) implements ChatRequest {
        @Override
        public void validate() throws ProtocolError {
            ChatRequest.super.validate();
            requireSeq(seq);
        }
    }

    /**
     * {@code read}: the sender has read the room up to {@code seq}.
     *
     * @param room the room
     * @param seq  the last message read
     */
    @JsonTypeName("read")
    record Read(@MayBeEmpty String room, Long seq) implements ChatRequest {
        @Override
        public void validate() throws ProtocolError {
            ChatRequest.super.validate();
            requireSeq(seq);
        }
    }

    /**
     * {@code typing}: lesson 03's, which can now also say that the typist stopped.
     *
     * @param room   the room
     * @param active false to stop at once; true or absent: typing (lesson 03)
     */
    @JsonTypeName("typing")
    record Typing(@MayBeEmpty String room, Boolean active) implements ChatRequest {
        /** @return whether the typist stopped, saying so */
        public boolean stops() {
            return Boolean.FALSE.equals(active);
        }
    }

    /**
     * {@code sync}: a page of the room's messages after a cursor, for a client that was away longer than a join
     * replays.
     *
     * @param room  the room
     * @param after the cursor: the last {@code seq} the client has, 0 for the room's first page
     * @param limit how many messages at most, 1 to {@link #MAX_PAGE}; absent: {@link #DEFAULT_PAGE}
     */
    @JsonTypeName("sync")
    record Sync(@MayBeEmpty String room, Long after, Long limit) implements ChatRequest {
        /** The most messages a page holds. */
        public static final int MAX_PAGE = 100;
        /** A page's size when the client does not say. */
        public static final int DEFAULT_PAGE = 50;

        @Override
        public void validate() throws ProtocolError {
            ChatRequest.super.validate();
            if (after == null) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, "after is required: the last seq the client has, "
                        + "or 0");
            }
            if (limit != null && (limit < 1 || limit > MAX_PAGE)) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, "limit must be from 1 to " + MAX_PAGE);
            }
        }

        /** @return the page's size */
        public int pageSize() {
            return limit == null ? DEFAULT_PAGE : limit.intValue();
        }
    }

    /**
     * {@code status}: the user is away, or back. Not in a room: it holds for every room the user is in.
     *
     * @param status {@code away} or {@code online}
     */
    @JsonTypeName("status")
    record SetStatus(String status) implements ClientRequest {
        @Override
        public void validate() throws ProtocolError {
            if (!Status.AWAY.equals(status) && !Status.ONLINE.equals(status)) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, "status must be 'away' or 'online'");
            }
        }
    }

    private static void requireSeq(Long seq) throws ProtocolError {
        if (seq == null || seq < 1) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "seq is required and must be a whole number of 1 or more");
        }
    }
}
