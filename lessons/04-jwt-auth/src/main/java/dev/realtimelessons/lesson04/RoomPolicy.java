package dev.realtimelessons.lesson04;

import dev.realtimelessons.kit.TodoException;

/**
 * Step 4: who may join which room. Rooms named {@code private:NAME} need the {@code admin} role or {@code NAME} in
 * the token's {@code rooms} claim; every other room is open to anyone who connected.
 */
public final class RoomPolicy {

    /** The prefix of rooms that need a claim. */
    public static final String PRIVATE = "private:";

    private RoomPolicy() {
    }

    /**
     * Step 4: whether a client may join a room.
     *
     * @param who  the client, or null when authentication is switched off (nothing was verified)
     * @param room a valid room name
     * @return true if it may
     */
    public static boolean mayJoin(Authenticated who, String room) {
        throw new TodoException("Step 4: open rooms for everyone; private:NAME needs the admin role or NAME in the"
                + " rooms claim (see README, step 4)");
    }
}
