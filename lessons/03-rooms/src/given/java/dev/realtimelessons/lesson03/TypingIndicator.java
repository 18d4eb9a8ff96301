package dev.realtimelessons.lesson03;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
    private final Map<String, Expiry> active = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();

    /** A pending end of an indicator; the generation tells a stale expiry from the current one. */
    private record Expiry(long generation, ScheduledFuture<?> future) {
    }

    /**
     * Creates the indicator.
     *
     * @param expiry    how long an indicator lasts without a refresh
     * @param scheduler runs the expiries
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
        String key = room + '\n' + user;
        active.compute(key, (k, pending) -> {
            if (pending == null) {
                delivery.deliverToOthers(room, Messages.text(new RoomMessages.Typing(room, user, true)), user);
            } else {
                pending.future().cancel(false);
            }
            long generation = generations.incrementAndGet();
            return new Expiry(generation, scheduler.schedule(() -> expire(key, generation, room, user),
                    expiry.toMillis(), TimeUnit.MILLISECONDS));
        });
    }

    /**
     * A member stopped typing, saying so (lesson 07: {@code typing} with {@code active: false}, or a message sent):
     * the other members get {@code typing active: false} at once, if the indicator was on; otherwise nothing
     * happens.
     *
     * @param room the room
     * @param user who stopped
     */
    public void stopped(String room, String user) {
        Expiry pending = active.remove(room + '\n' + user);
        if (pending != null) {
            pending.future().cancel(false);
            delivery.deliverToOthers(room, Messages.text(new RoomMessages.Typing(room, user, false)), user);
        }
    }

    private void expire(String key, long generation, String room, String user) {
        boolean[] ended = new boolean[1];
        active.computeIfPresent(key, (k, current) -> {
            if (current.generation() != generation) {
                return current; // refreshed since this expiry was scheduled
            }
            ended[0] = true;
            return null;
        });
        if (ended[0]) {
            delivery.deliverToOthers(room, Messages.text(new RoomMessages.Typing(room, user, false)), user);
        }
    }
}
