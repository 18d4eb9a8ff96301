package dev.realtimelessons.lesson02;

import java.net.URI;

/**
 * What every lesson's server offers, from lesson 02's {@link ChatServer} that runs it: the application, its URIs,
 * and a {@link #close} that stops everything. A later lesson's server adds accessors for its own parts.
 */
public interface LessonServer extends AutoCloseable {

    /** @return the running chat server */
    ChatServer chat();

    /** @return lesson 02's application: the registry and the dispatcher */
    default ChatApp app() {
        return chat().app();
    }

    /**
     * An absolute URI on this server.
     *
     * @param scheme       {@code http} or {@code ws}
     * @param pathAndQuery for example {@code /ws}
     * @return the URI
     */
    default URI uri(String scheme, String pathAndQuery) {
        return chat().uri(scheme, pathAndQuery);
    }

    /** Stops the server, its connections, and every part the lesson started for it. */
    @Override
    default void close() {
        chat().close();
    }
}
