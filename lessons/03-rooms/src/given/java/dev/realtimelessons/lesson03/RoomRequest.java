package dev.realtimelessons.lesson03;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ClientRequest;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * Lesson 03's requests: {@code join}, {@code leave}, {@code publish} and {@code typing}, each in one room whose
 * name follows {@link RoomName}'s rule: {@code invalid_field} if it is missing or not a string, {@code invalid_room}
 * if it is a string that breaks the rule, {@code ""} included.
 */
public sealed interface RoomRequest extends ClientRequest {

    /** @return the room's name, checked */
    String room();

    @Override
    default void validate() throws ProtocolError {
        RoomName.valid(room());
    }

    /**
     * {@code join}. A plain join has only a room; lesson 05's client, resuming, adds where it stopped.
     *
     * @param room  the room
     * @param since lesson 05: the last {@code seq} the client saw, 0 or more; null for a plain join
     * @param epoch lesson 05: the epoch of that {@code seq}; null when absent
     */
    @JsonTypeName("join")
    record Join(@MayBeEmpty String room, Long since, @MayBeAbsent String epoch) implements RoomRequest {
        /** @return whether the client resumes: it said where it stopped */
        public boolean resumes() {
            return since != null;
        }
    }

    /**
     * {@code leave}.
     *
     * @param room the room
     */
    @JsonTypeName("leave")
    record Leave(@MayBeEmpty String room) implements RoomRequest {
    }

    /**
     * {@code publish}.
     *
     * @param room        the room
     * @param data        the payload, passed on untouched
     * @param excludeSelf true to leave the sender's connection out (optional, false by default)
     */
    @JsonTypeName("publish")
    record Publish(@MayBeEmpty String room, JsonNode data, boolean excludeSelf) implements RoomRequest {
    }

    /**
     * {@code typing}.
     *
     * @param room the room
     */
    @JsonTypeName("typing")
    record Typing(@MayBeEmpty String room) implements RoomRequest {
    }
}
