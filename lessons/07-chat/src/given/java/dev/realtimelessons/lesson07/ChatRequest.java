package dev.realtimelessons.lesson07;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ClientRequest;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson03.RoomName;

/**
 * Lesson 07's requests, each in one room whose name follows lesson 03's rule: {@code publish} with a
 * {@code client_msg_id}, and {@code edit}, {@code delete} and {@code read}, which name a message by its
 * {@code seq}.
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
            if (clientMsgId != null && !clientMsgId.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD,
                        "client_msg_id must be 1 to 64 letters, digits, '-' or '_'");
            }
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

    private static void requireSeq(Long seq) throws ProtocolError {
        if (seq == null || seq < 1) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "seq is required and must be a whole number of 1 or more");
        }
    }
}
