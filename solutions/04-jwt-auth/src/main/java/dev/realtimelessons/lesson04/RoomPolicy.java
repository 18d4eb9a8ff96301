package dev.realtimelessons.lesson04;

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
    // tag::mayJoin[]
    public static boolean mayJoin(Authenticated who, String room) {
        if (!room.startsWith(PRIVATE)) {
            return true;
        }
        return who != null && (who.hasRole("admin") || who.rooms().contains(room.substring(PRIVATE.length())));
    }
    // end::mayJoin[]
}
