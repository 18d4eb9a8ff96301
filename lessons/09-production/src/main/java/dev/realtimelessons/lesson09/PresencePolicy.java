package dev.realtimelessons.lesson09;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.realtimelessons.kit.TodoException;

/**
 * Decides, for each user who joins or leaves a room, whether the room's members hear of it at once
 * ({@code joined}, {@code left}) or in a count ({@code members_changed}), and keeps what was counted until the
 * room's next tick. In a room of N members, announcing every arrival costs N messages, so N arrivals cost about
 * N²/2: above {@code largeRoom} members, a room counts instead, and each period tells its members once.
 *
 * <p>Thread-safe: the rooms' workers report changes while the timer ticks.
 */
public final class PresencePolicy {

    private final int largeRoom;
    /** The changes counted and not yet told, by room; a room without any has no entry. */
    private final Map<String, Changes> counted = new HashMap<>();

    /**
     * @param largeRoom the most members a room may have and still announce each change, 1 or more
     * @throws IllegalArgumentException if it is less than 1
     */
    public PresencePolicy(int largeRoom) {
        if (largeRoom < 1) {
            throw new IllegalArgumentException("a large room has more than 1 member at least, got " + largeRoom);
        }
        this.largeRoom = largeRoom;
    }

    /**
     * Step 4: a user's presence in a room changed through this server.
     *
     * <p>The change is announced when the room is small both before and after it, and counted when it is large
     * either side: a room that hovers at the threshold then never announces a {@code left} whose {@code joined}
     * its members were never told.
     *
     * @param room   the room
     * @param joined true when the user joined, false when they left
     * @param size   the room's members after the change, as well as this server knows
     * @return true to announce it ({@code joined} or {@code left}); false when it is counted, for {@link #tick}
     */
    public synchronized boolean changed(String room, boolean joined, int size) {
        throw new TodoException("Step 4: announce or count a change (see README, step 4)");
    }

    /**
     * Step 4: the room's tick; at most one {@code members_changed} per room per period.
     *
     * @param room  the room
     * @param count its members now
     * @return what was counted since the room's previous tick, with the count; empty when nothing was
     */
    public synchronized Optional<MembersChanged> tick(String room, int count) {
        throw new TodoException("Step 4: the room's members_changed (see README, step 4)");
    }

    /**
     * The rooms a tick has something to tell.
     *
     * @return a snapshot, sorted
     */
    public synchronized Set<String> pending() {
        return new TreeSet<>(counted.keySet());
    }

    /**
     * Whether a room of this many members is large: it counts its changes instead of announcing them.
     *
     * @param size the room's members
     * @return true above {@code largeRoom}
     */
    public boolean isLarge(int size) {
        return size > largeRoom;
    }

    /** One room's counted changes. Guarded by the policy's lock. */
    private static final class Changes {
        private int joined;
        private int left;
    }
}
