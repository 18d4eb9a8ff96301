package dev.realtimelessons.lesson02;

/**
 * Delivers to the connections of this server: lesson 02's registry.
 */
public final class LocalUsers implements UserDelivery {

    private final ConnectionManager connections;

    /**
     * @param connections the registry
     */
    public LocalUsers(ConnectionManager connections) {
        this.connections = connections;
    }

    @Override
    public int toUser(String user, String message) {
        return connections.sendToUser(user, message);
    }

    @Override
    public int toEveryone(String message, String exceptUser) {
        return connections.broadcast(message, null, exceptUser);
    }
}
