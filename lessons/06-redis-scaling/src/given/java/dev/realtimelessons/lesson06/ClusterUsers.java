package dev.realtimelessons.lesson06;

import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.ConnectionManager;
import dev.realtimelessons.lesson02.Stats;
import dev.realtimelessons.lesson02.UserDelivery;
import dev.realtimelessons.lesson06.broker.Broker;
import dev.realtimelessons.lesson06.broker.BrokerUnavailableException;

/**
 * Lesson 02's {@link UserDelivery} for a cluster: a {@code direct} message, a notification or a broadcast reaches
 * the connections of this server directly and the other servers through a user's channel (held while the user has
 * a connection here) or the broadcast channel (always held). The counts it answers add what the other servers last
 * reported in {@link ClusterStats}.
 */
public final class ClusterUsers implements UserDelivery {

    private static final System.Logger LOG = System.getLogger(ClusterUsers.class.getName());

    private final String node;
    private final ConnectionManager connections;
    private final Broker broker;
    private final Subscriptions subscriptions;
    private final ClusterStats stats;
    private final Channels channels;

    /**
     * @param node          this server's id
     * @param connections   this server's connections
     * @param broker        reaches the other servers
     * @param subscriptions the channels this server holds
     * @param stats         the cluster's figures
     * @param channels      the channels' names
     */
    public ClusterUsers(String node, ConnectionManager connections, Broker broker, Subscriptions subscriptions,
                        ClusterStats stats, Channels channels) {
        this.node = node;
        this.connections = connections;
        this.broker = broker;
        this.subscriptions = subscriptions;
        this.stats = stats;
        this.channels = channels;
    }

    // tag::to-user[]
    @Override
    public int toUser(String user, String message) {
        int here = connections.sendToUser(user, message);
        if (publish(channels.user(user), Envelope.plain(node, message))) {
            return here + stats.elsewhere(user);
        }
        return here;
    }
    // end::to-user[]

    @Override
    public int toEveryone(String message, String exceptUser) {
        int here = connections.broadcast(message, null, exceptUser);
        if (!publish(channels.broadcast(), new Envelope(node, null, -1, exceptUser, message))) {
            return here;
        }
        Stats all = stats.cluster();
        Stats mine = connections.stats();
        int elsewhere = all.connections() - mine.connections();
        if (exceptUser != null) {
            elsewhere -= all.perUser().getOrDefault(exceptUser, 0) - mine.perUser().getOrDefault(exceptUser, 0);
        }
        return here + elsewhere;
    }

    /**
     * A message from the broker on a user's channel or the broadcast channel.
     *
     * @param channel the channel
     * @param payload the {@link Envelope}
     */
    public void onRemote(String channel, String payload) {
        Envelope envelope = Envelope.decode(payload);
        if (envelope.node().equals(node)) {
            return; // delivered here already
        }
        String user = channels.userOf(channel);
        if (user != null) {
            connections.sendToUser(user, envelope.message());
        } else {
            connections.broadcast(envelope.message(), null, envelope.exceptUser());
        }
    }

    /**
     * A connection opened: its user's channel is held while it lasts.
     *
     * @param connection the connection
     */
    public void connected(Connection connection) {
        subscriptions.hold(channels.user(connection.user()), connection.id()).exceptionally(failure -> {
            LOG.log(System.Logger.Level.WARNING, "no subscription for a user's channel yet: {0}",
                    failure.toString());
            return null;
        });
    }

    /**
     * A connection closed: it lets go of its user's channel and of its rooms'.
     *
     * @param connection the connection
     */
    public void disconnected(Connection connection) {
        subscriptions.releaseAll(connection.id());
    }

    private boolean publish(String channel, Envelope envelope) {
        try {
            broker.publish(channel, envelope.encode());
            return true;
        } catch (BrokerUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "this server only: {0}", e.getMessage());
            return false;
        }
    }
}
