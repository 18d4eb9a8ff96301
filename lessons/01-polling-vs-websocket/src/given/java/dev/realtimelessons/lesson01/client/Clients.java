package dev.realtimelessons.lesson01.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What the four clients share: how they reach the server.
 */
final class Clients {

    /** How long a client waits before trying again after an error. */
    static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(1);

    private Clients() {
    }

    /**
     * An HTTP/1.1 client. The JDK's default would offer an upgrade to HTTP/2 on every plain-text request, which
     * this server declines: extra headers on the wire that would skew the byte counts of the comparison.
     *
     * @return a new client
     */
    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A URI on the server.
     *
     * @param base         for example {@code http://127.0.0.1:8080}
     * @param pathAndQuery for example {@code /poll?since=3}
     * @return the URI
     */
    static URI resolve(URI base, String pathAndQuery) {
        return URI.create(base.toString().replaceAll("/$", "") + pathAndQuery);
    }

    /**
     * Waits before a client tries again: its back-off, not a way to wait for work.
     *
     * @param delay how long
     * @return false if the client was closed (interrupted) meanwhile
     */
    static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
