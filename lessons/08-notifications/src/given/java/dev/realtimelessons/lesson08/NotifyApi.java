package dev.realtimelessons.lesson08;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.lesson02.Identity;
import dev.realtimelessons.lesson02.RestApi;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson03.RoomName;

/**
 * The back ends' API for notifications, behind lesson 04's API-key check. Each call stores the notification in the
 * inboxes of the users it is for, then every server delivers it to their connections, WebSocket or SSE; a user with
 * none gets it from the inbox when they connect with a cursor. Each answers 201 with the notification's {@code id}:
 * <ul>
 *   <li>{@code POST /api/notify/{user}}: to one user; also {@code event_id}, its id in the user's inbox;</li>
 *   <li>{@code POST /api/broadcast}: to everyone, but {@code exclude_user} if given; also {@code event_id};</li>
 *   <li>{@code POST /api/rooms/{room}/notify}: to the room's followers; also {@code followers}, how many.</li>
 * </ul>
 * The body is a notification ({@link Notification#of}); a bad one is a 400 {@code invalid_field} or
 * {@code malformed_json}, one over 64 KiB a 413, Redis down a 503 {@code unavailable}: nothing stored.
 */
public final class NotifyApi extends HttpHandler {

    private static final String ROOMS = "/api/rooms/";
    private static final String NOTIFY = "/notify";

    private final Inbox inbox;
    private final Followers followers;
    private final Clock clock;

    /**
     * @param inbox     the inboxes
     * @param followers the rooms' followers
     * @param clock     the time notifications are posted at
     */
    public NotifyApi(Inbox inbox, Followers followers, Clock clock) {
        this.inbox = inbox;
        this.followers = followers;
        this.clock = clock;
    }

    /**
     * @param path a request's path
     * @return whether this API serves it (under {@code /api/rooms/}, lesson 07's messages serve the rest)
     */
    public static boolean serves(String path) {
        return path.startsWith(ROOMS) && path.endsWith(NOTIFY);
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        String path = request.getRequestURI();
        if (request.getMethod() != Method.POST) {
            JsonResponses.methodNotAllowed(response, "POST");
            return;
        }
        try {
            JsonNode body = RestApi.body(request);
            if (path.startsWith("/api/notify/")) {
                String user = Identity.validUser(path.substring("/api/notify/".length()));
                Notification notification = Notification.of(body, null, clock.instant());
                String id = inbox.append(user, "notification", Json.write(notification), null);
                JsonResponses.send(response, 201, Map.of("id", notification.id(), "event_id", id));
            } else if (path.equals("/api/broadcast")) {
                JsonNode exclude = body.get("exclude_user");
                if (exclude != null && !exclude.isNull() && !exclude.isTextual()) {
                    throw new ProtocolError(ErrorCode.INVALID_FIELD, "exclude_user must be a string");
                }
                String except = exclude == null || exclude.isNull() ? null : Identity.validUser(exclude.asText());
                Notification notification = Notification.of(body, null, clock.instant());
                String id = inbox.append(InboxKeys.EVERYONE, "notification", Json.write(notification), except);
                JsonResponses.send(response, 201, Map.of("id", notification.id(), "event_id", id));
            } else if (serves(path) && path.length() > ROOMS.length() + NOTIFY.length()) {
                String room = path.substring(ROOMS.length(), path.length() - NOTIFY.length());
                RoomName.valid(room);
                Notification notification = Notification.of(body, room, clock.instant());
                int count = inbox.appendToEach(followers.of(room), "notification", Json.write(notification));
                JsonResponses.send(response, 201, Map.of("id", notification.id(), "followers", count));
            } else {
                JsonResponses.error(response, 404, ErrorCode.NOT_FOUND.wire(), "no such resource: " + path);
            }
        } catch (ProtocolError e) {
            int status = e.code() == ErrorCode.MESSAGE_TOO_LARGE ? 413 : 400;
            JsonResponses.error(response, status, e.code().wire(), e.getMessage());
        } catch (JedisException e) {
            JsonResponses.error(response, 503, ErrorCode.UNAVAILABLE.wire(), "cannot reach Redis; nothing was "
                    + "stored, try again");
        }
    }
}
