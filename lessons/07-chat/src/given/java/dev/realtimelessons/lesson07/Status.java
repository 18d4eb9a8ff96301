package dev.realtimelessons.lesson07;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;

import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * A user's status across the cluster, and the {@code user_status} event that tells it.
 *
 * @param user     the user
 * @param status   {@code online}, {@code away} or {@code offline}
 * @param lastSeen when the user's last connection closed, in milliseconds since the epoch; null unless offline (and
 *                 null for a user never seen)
 */
@JsonTypeName("user_status")
public record Status(String user, String status, @JsonInclude(JsonInclude.Include.ALWAYS) Long lastSeen)
        implements ServerMessage {

    /** Online: a connection on any server, and not away. */
    public static final String ONLINE = "online";
    /** Away: connected, but the user said so. */
    public static final String AWAY = "away";
    /** Offline: no connection on any server. */
    public static final String OFFLINE = "offline";
}
