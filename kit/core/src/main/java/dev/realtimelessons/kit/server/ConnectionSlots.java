package dev.realtimelessons.kit.server;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The places a server's {@link ConnectionLimits} allow, and who holds them: a count in total, per client address
 * and per user. A handshake takes a {@link Slot} in two steps, the address first (before the guard runs, so that a
 * flood from one address costs the guard nothing) and its user once the guard has said who it is; the connection
 * gives it back, once, when it closes or its upgrade fails.
 *
 * <p>Thread-safe: every count changes under this object's lock, so a check and its increment are one step and
 * handshakes racing for the last place cannot both get it. Nothing else runs under the lock.
 */
final class ConnectionSlots {

    private final ConnectionLimits limits;
    private int total;
    private final Map<String, Integer> perAddress = new HashMap<>();
    private final Map<String, Integer> perUser = new HashMap<>();
    private boolean draining;

    ConnectionSlots(ConnectionLimits limits) {
        this.limits = limits;
    }

    /** One connection's place; given back at most once. Its fields are guarded by the {@link ConnectionSlots}. */
    static final class Slot {
        private String address;
        private String user;
        private boolean released;
    }

    /**
     * Takes a place in the total and for the client's address.
     *
     * @param slot    a new slot
     * @param address the client's address
     * @return null when taken, or the refusal; a refused slot holds nothing
     */
    synchronized Refusal takeAddress(Slot slot, String address) {
        if (draining) {
            return Refusal.limited(503, "shutting_down", "the server is shutting down; try again later",
                    limits.retryAfter());
        }
        if (atLimit(total, limits.maxConnections())) {
            return Refusal.limited(503, "server_full", "the server holds the most connections it may ("
                    + limits.maxConnections() + "); try again later", limits.retryAfter());
        }
        if (atLimit(perAddress.getOrDefault(address, 0), limits.maxPerAddress())) {
            return Refusal.limited(429, "too_many_connections_per_ip", "your address holds the most connections"
                    + " one address may (" + limits.maxPerAddress() + "); close one first", limits.retryAfter());
        }
        total++;
        perAddress.merge(address, 1, Integer::sum);
        slot.address = address;
        return null;
    }

    /** From now on every {@link #takeAddress} is refused: the server is shutting down. */
    synchronized void drain() {
        draining = true;
    }

    /**
     * Takes a place for the connection's user, on a slot that holds an address.
     *
     * @param slot a slot from {@link #takeAddress}
     * @param user the user, or null for a connection that counts against no user
     * @return null when taken, or the refusal; the slot then still holds its address until {@link #release}
     */
    synchronized Refusal takeUser(Slot slot, String user) {
        if (user == null || slot.released) {
            return null;
        }
        if (atLimit(perUser.getOrDefault(user, 0), limits.maxPerUser())) {
            return Refusal.limited(429, "too_many_connections_per_user", user + " holds the most connections one"
                    + " user may (" + limits.maxPerUser() + "); close one first", limits.retryAfter());
        }
        perUser.merge(user, 1, Integer::sum);
        slot.user = user;
        return null;
    }

    /**
     * Gives back everything a slot holds; a second call does nothing.
     *
     * @param slot the slot
     */
    synchronized void release(Slot slot) {
        if (slot.released) {
            return;
        }
        slot.released = true;
        if (slot.address != null) {
            total--;
            decrement(perAddress, slot.address);
        }
        if (slot.user != null) {
            decrement(perUser, slot.user);
        }
        if (total == 0) {
            notifyAll(); // a drain may be waiting for the last one
        }
    }

    /**
     * Waits until no place is taken, or the timeout has passed.
     *
     * @param timeout the longest wait
     * @return true if none is taken
     * @throws InterruptedException if interrupted while waiting
     */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** @return the places taken */
    synchronized int taken() {
        return total;
    }

    private static boolean atLimit(int count, int limit) {
        return limit > 0 && count >= limit;
    }

    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1); // no entry kept at 0
    }
}
