package dev.realtimelessons.lesson02.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

/** Lesson 02's requests: {@code ping}, {@code stats} and {@code direct}. */
public sealed interface ChatRequest extends ClientRequest {

    /** {@code ping}: the server answers {@code pong}. */
    @JsonTypeName("ping")
    record Ping() implements ChatRequest {
    }

    /** {@code stats}: the server answers with its connection statistics. */
    @JsonTypeName("stats")
    record GetStats() implements ChatRequest {
    }

    /**
     * {@code direct}: a personal message to every connection of a user.
     *
     * @param to   the user (the rule for users is the server's, {@code Identity.validUser})
     * @param data the payload, passed on untouched
     */
    @JsonTypeName("direct")
    record Direct(String to, JsonNode data) implements ChatRequest {
    }
}
