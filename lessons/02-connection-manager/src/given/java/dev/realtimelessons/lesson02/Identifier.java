package dev.realtimelessons.lesson02;

import java.util.List;
import java.util.Map;

import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * Decides the user of a new connection. Lesson 02 believes the client's {@code ?user=} ({@link Identity}); lesson
 * 04 takes the user from a token the handshake verified.
 */
@FunctionalInterface
public interface Identifier {

    /**
     * The user of a new connection.
     *
     * @param principal  what the handshake proved about the client, or null when the server checks nothing
     * @param parameters the handshake's query parameters
     * @param connection the connection's id
     * @return the user
     * @throws ProtocolError if the connection cannot be given a user; it is then closed with 1008
     */
    String userOf(Object principal, Map<String, List<String>> parameters, String connection) throws ProtocolError;
}
