package dev.realtimelessons.lesson09;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.realtimelessons.lesson02.protocol.ServerMessage;
import dev.realtimelessons.lesson03.RoomMessages;
import dev.realtimelessons.lesson03.RoomRequest;
import dev.realtimelessons.lesson04.AdminApi;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson07.ChatMessages;
import dev.realtimelessons.lesson07.Database;
import dev.realtimelessons.lesson08.LocalStreams;

/**
 * Wires {@link ServerMetrics} into a running server through the hooks the earlier lessons have, so that no part of
 * the service knows it is measured:
 * <ul>
 *   <li>open WebSockets: lesson 02's {@code onConnect}, and {@code onClose}, which knows the close code (1006 for
 *       a TCP connection that dropped without one); open event streams: lesson 08's {@link LocalStreams#count()},
 *       read at each scrape;</li>
 *   <li>messages in: a dispatcher gate, after lesson 03's flood gate (a flood shows as closes with 1008, not as
 *       traffic); messages out and the outbox's depth: lesson 02's {@code onSent}, once each message is written;</li>
 *   <li>delivery latency: from a room message's {@code ts} (when a server numbered it) to the moment this server
 *       has queued it for its members ({@code ClusterRooms.onHandedOver}), on every server: the Redis hop and the
 *       room's worker included, the wait in a slow client's outbox not (that is the outbox's depth). Across servers
 *       it includes their clocks' difference, a few milliseconds with NTP;</li>
 *   <li>resumes: around lesson 05's {@code join}, whose ack says {@code recovered} when the join resumed;</li>
 *   <li>store errors: the Redis pool's failed connections ({@code RedisConnections}) and the database's
 *       {@code SQLException}s ({@link Database#onError}), counted where every command passes rather than in each
 *       place that catches one.</li>
 * </ul>
 */
public final class Metrics {

    private static final JsonFactory JSON = new JsonFactory();

    private Metrics() {
    }

    /**
     * Creates the meters, wires them, and serves them at {@code GET /metrics} behind the admin API's check.
     *
     * @param server   the server's parts
     * @param database lesson 07's database
     * @param streams  lesson 08's event streams of this server
     * @param clock    what the delivery latency is measured against
     * @return the server's meters
     */
    // tag::install[]
    public static PrometheusMeterRegistry install(ClusterServer.Parts server, Database database,
                                                  LocalStreams streams, Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServerMetrics metrics = new ServerMetrics(registry, streams::count);
        server.app().onConnect(connection -> metrics.connectionOpened());
        server.app().onClose((connection, code) -> metrics.connectionClosed(code));
        server.app().dispatcher().gate((from, text) -> metrics.messageIn());
        server.app().onSent(connection -> {
            metrics.messageOut();
            metrics.outboxDepth(connection.queued());
        });
        server.delivery().onHandedOver(message -> {
            long ts = tsOf(message);
            if (ts > 0) {
                metrics.delivered(Duration.ofMillis(clock.millis() - ts));
            }
        });
        server.app().dispatcher().around("join", RoomRequest.Join.class, join -> (from, request) -> {
            ServerMessage answer = join.handle(from, request);
            Boolean recovered = recoveredOf(answer);
            if (recovered != null) { // null: the join did not resume
                metrics.resumed(recovered);
            }
            return answer;
        });
        server.redisConnections().onFailure(() -> metrics.storeError("redis"));
        database.onError(e -> metrics.storeError("database"));
        server.http().http("/metrics", new AdminApi(new MetricsApi(registry), server.authenticator(),
                server.auth()));
        return registry;
    }
    // end::install[]

    /** @return a join's {@code recovered}, lesson 05's ack or lesson 07's (which adds {@code unread}); or null */
    private static Boolean recoveredOf(ServerMessage answer) {
        if (answer instanceof ChatMessages.JoinAck ack) {
            return ack.recovered();
        }
        return answer instanceof RoomMessages.JoinAck ack ? ack.recovered() : null;
    }

    /**
     * Reads a room message's {@code ts} with a streaming parser that skips its {@code data} unread: once per message
     * per server, not per member.
     *
     * @param message a {@code message} as its members get it
     * @return its {@code ts}, or 0 if it has none
     */
    static long tsOf(String message) {
        try (JsonParser parser = JSON.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("ts") && value == JsonToken.VALUE_NUMBER_INT) {
                    return parser.getLongValue();
                }
                parser.skipChildren(); // data: the payload, never looked at
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
