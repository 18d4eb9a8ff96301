package dev.realtimelessons.lesson06;

import dev.realtimelessons.lesson02.protocol.ServerMessage;
import dev.realtimelessons.lesson03.Room;

/**
 * How a room's presence reaches its members, when lesson 03's way (the whole list to every joiner, {@code joined}
 * and {@code left} to every member) costs too much: lesson 09 counts them instead in a large room. Installed with
 * {@link ClusterRooms#announceWith}; both methods run on the room's worker, with the room locked, so they must be
 * quick.
 */
public interface PresenceAnnouncer {

    /**
     * @param room the room, the joiner already in it
     * @return what the joiner is told of the room's members
     */
    ServerMessage members(Room room);

    /**
     * A user's first connection joined the room through this server, or their last one left it.
     *
     * @param room   the room
     * @param user   the user
     * @param joined true when they joined
     * @return true to send {@code joined} or {@code left} to the other members, as lesson 03 does; false when the
     *         change is told some other way
     */
    boolean announces(Room room, String user, boolean joined);
}
