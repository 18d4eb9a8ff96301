package dev.realtimelessons.lesson02;

/**
 * How a message reaches a user, or everyone: a {@code direct} message, a REST notification or broadcast. Lesson 02
 * delivers to this server's connections ({@link LocalUsers}); lesson 06 also reaches the users connected to the
 * other servers of a cluster.
 */
public interface UserDelivery {

    /**
     * Sends a message to every connection of a user.
     *
     * @param user    the user
     * @param message the message, serialized once
     * @return how many connections it was queued on: this server's (lesson 06 adds what the other servers of the
     *         cluster last reported)
     */
    int toUser(String user, String message);

    /**
     * Sends a message to every connection.
     *
     * @param message    the message, serialized once
     * @param exceptUser a user to leave out, or null
     * @return how many connections it was queued on, counted as {@link #toUser} does
     */
    int toEveryone(String message, String exceptUser);
}
