package dev.realtimelessons.lesson04;

import com.fasterxml.jackson.annotation.JsonTypeName;

import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * The {@code ack} of a {@code refresh}.
 *
 * @param expiresAt the fresh token's {@code exp}, in seconds since the epoch (on the wire: {@code expires_at})
 */
@JsonTypeName("ack")
public record Refreshed(long expiresAt) implements ServerMessage {
}
