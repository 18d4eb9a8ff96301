package dev.realtimelessons.lesson01;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson01.feed.EventFeed;
import dev.realtimelessons.lesson01.feed.Subscription;

/**
 * {@code /ws?since=N}: pushes every feed event to the client as one JSON text message.
 *
 * <p>The Jakarta container creates one instance per connection (through the factory given to
 * {@code Endpoints.perConnection}), so the fields belong to one connection.
 */
public final class FeedEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(FeedEndpoint.class.getName());

    private final EventFeed feed;
    private Subscription subscription;

    /**
     * Creates the endpoint for one connection.
     *
     * @param feed the feed to push
     */
    public FeedEndpoint(EventFeed feed) {
        this.feed = feed;
    }

    /**
     * Step 3: subscribes the new connection to the feed, from {@code ?since=N} if given (see
     * {@link SinceParameter}), and sends each event's JSON as one text message. An invalid {@code since} closes
     * the connection with 1008 (policy violation) and the error message as the reason.
     *
     * <p>Sends must not block the feed's thread, which delivers to every subscriber: one slow client must not
     * hold up the others.
     *
     * @param session the new connection
     * @param config  the endpoint's configuration
     */
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        throw new TodoException("Step 3: subscribe this session to the feed from ?since= and send each event as a text message (see README, step 3)");
    }

    /**
     * Step 3: stops the subscription when the connection closes, whoever closed it.
     *
     * @param session     the connection
     * @param closeReason why it closed
     */
    @Override
    public void onClose(Session session, CloseReason closeReason) {
        throw new TodoException("Step 3: close the feed subscription of this connection (see README, step 3)");
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "WebSocket error on {0}: {1}", session.getId(), failure.toString());
    }
}
