package dev.realtimelessons.lesson08;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.lesson02.ConnectionManager;
import dev.realtimelessons.lesson06.Subscriptions;

/**
 * The connections of this server that get a user's inbox entries, whichever transport they use: event streams
 * (every entry) and WebSocket connections (notifications, as a {@code notification} message). Each holds its user's
 * inbox channel while it is open, so that an entry published by any server reaches it; every server holds
 * everyone's channel.
 *
 * <p>Thread-safe. The entries of one inbox arrive on that inbox's worker, one at a time, in the order of their ids.
 */
public final class LocalStreams {

    private static final System.Logger LOG = System.getLogger(LocalStreams.class.getName());
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Set<SseStream>> byUser = new ConcurrentHashMap<>();
    private final Subscriptions subscriptions;
    private final Inbox inbox;
    private final ConnectionManager connections;

    /**
     * @param subscriptions the channels this server holds
     * @param inbox         the inboxes
     * @param connections   this server's WebSocket connections
     */
    public LocalStreams(Subscriptions subscriptions, Inbox inbox, ConnectionManager connections) {
        this.subscriptions = subscriptions;
        this.inbox = inbox;
        this.connections = connections;
    }

    /**
     * Adds a stream, once its user's inbox channel is subscribed: whatever is published from now on reaches it.
     *
     * @param stream the stream
     * @throws TimeoutException if Redis did not confirm the subscription within 5 s (the stream is not added)
     */
    public void add(SseStream stream) throws TimeoutException {
        byUser.computeIfAbsent(stream.user(), user -> ConcurrentHashMap.newKeySet()).add(stream);
        try {
            subscriptions.hold(inbox.channel(stream.user()), stream.id())
                    .get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            remove(stream);
            throw new TimeoutException("cannot subscribe to the inbox of " + stream.user());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            remove(stream);
            throw new TimeoutException("interrupted");
        }
    }

    /**
     * Removes a stream and lets go of what it held.
     *
     * @param stream the stream
     */
    public void remove(SseStream stream) {
        byUser.computeIfPresent(stream.user(), (user, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        try {
            subscriptions.releaseAll(stream.id());
        } catch (RuntimeException e) { // the broker is closing with the server: nothing left to let go of
            LOG.log(System.Logger.Level.DEBUG, "inbox channel of a stream not released: {0}", e.toString());
        }
    }

    /**
     * An entry published on an inbox's channel (on that inbox's worker).
     *
     * @param owner   the inbox's owner: a user, or {@link InboxKeys#EVERYONE}
     * @param payload what {@code inbox-append.lua} published
     */
    // tag::deliver[]
    public void onPublished(String owner, String payload) {
        boolean everyone = owner.equals(InboxKeys.EVERYONE);
        InboxEntry entry = Published.decode(everyone ? InboxEntry.Source.ALL : InboxEntry.Source.USER, payload);
        String message = entry.event().equals("notification") // serialized once, for every connection
                ? Json.write(new WsNotification("notification", entry.id(), entry.data())) : null;
        if (everyone) {
            byUser.values().forEach(streams -> streams.forEach(stream -> stream.offer(entry)));
            if (message != null) {
                connections.broadcast(message, null, entry.except());
            }
        } else {
            byUser.getOrDefault(owner, Set.of()).forEach(stream -> stream.offer(entry));
            if (message != null) {
                connections.sendToUser(owner, message);
            }
        }
    }
    // end::deliver[]

    /**
     * A notification on a WebSocket connection: the same data as the SSE event.
     *
     * @param type     {@code notification}
     * @param event_id the entry's id in its inbox
     * @param data     the notification, as JSON
     */
    record WsNotification(String type, String event_id, @JsonRawValue String data) {
    }

    /** Writes a heartbeat to every stream. */
    public void heartbeat() {
        byUser.values().forEach(streams -> streams.forEach(SseStream::heartbeat));
    }

    /** Ends every stream, as a stopping server does: browsers reconnect to another server. */
    public void endAll() {
        byUser.values().stream().flatMap(Set::stream).toList().forEach(SseStream::end);
    }

    /** @return the streams open on this server */
    public int count() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    /** @return every stream open on this server: lesson 09's drain ends them in batches */
    public List<SseStream> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    /** @param user a user @return their streams on this server */
    public List<SseStream> of(String user) {
        return List.copyOf(byUser.getOrDefault(user, Set.of()));
    }
}
