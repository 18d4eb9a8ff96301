package dev.realtimelessons.lesson09;

import com.fasterxml.jackson.annotation.JsonTypeName;

import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * How a large room's membership changed since the previous {@code members_changed} of the same server: what its
 * members get instead of a {@code joined} or {@code left} for each user.
 *
 * @param room   the room
 * @param count  the room's members now, on every server, each user once
 * @param joined how many users joined it through the sending server since its previous {@code members_changed}
 * @param left   how many left it through the sending server since then
 */
@JsonTypeName("members_changed")
public record MembersChanged(String room, int count, int joined, int left) implements ServerMessage {
}
