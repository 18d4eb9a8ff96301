package dev.realtimelessons.lesson03;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.realtimelessons.lesson02.protocol.Messages;

/**
 * Relays "is typing" to the other members of a room, and ends it by itself when the typist goes quiet.
 *
 * <p>Ephemeral on purpose: nothing is stored, a client that joins later never sees an old indicator, and a client
 * that vanishes mid-word cannot leave "ada is typing…" on everyone's screen, because every indicator expires
 * unless refreshed.
 */
public final class TypingIndicator {

    private final Duration expiry;
    private final ScheduledExecutorService scheduler;
    private final RoomDelivery delivery;
    /** The indicators that are on; the scheduler's thread only, so the relays of one typist keep their order. */
    private final Map<String, ScheduledFuture<?>> active = new HashMap<>();

    /**
     * Creates the indicator.
     *
     * @param expiry    how long an indicator lasts without a refresh
     * @param scheduler a single thread: it owns the indicators and runs their expiries
     * @param delivery  reaches the room's members
     */
    public TypingIndicator(Duration expiry, ScheduledExecutorService scheduler, RoomDelivery delivery) {
        this.expiry = expiry;
        this.scheduler = scheduler;
        this.delivery = delivery;
    }

    /**
     * A member typed. The other members get {@code typing active: true} unless the indicator was already on; either
     * way it now ends {@code expiry} from now. The typist's own connections (other tabs, other devices) are left out
     * of both relays: nobody needs telling that they are typing themselves.
     *
     * @param room the room
     * @param user who types
     */
    public void typed(String room, String user) {
        scheduler.execute(() -> typedOnScheduler(room, user));
    }

    private void typedOnScheduler(String room, String user) {
        String key = room + '\n' + user;
        ScheduledFuture<?> pending = active.remove(key);
        if (pending == null) {
            delivery.deliverToOthers(room, Messages.text(new RoomMessages.Typing(room, user, true)), user);
        } else {
            pending.cancel(false);
        }
        active.put(key, scheduler.schedule(() -> expire(key, room, user), expiry.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void expire(String key, String room, String user) {
        // A refresh cancels this expiry on this same thread before putting its own, so an expiry that runs is
        // the current one.
        active.remove(key);
        delivery.deliverToOthers(room, Messages.text(new RoomMessages.Typing(room, user, false)), user);
    }
}
