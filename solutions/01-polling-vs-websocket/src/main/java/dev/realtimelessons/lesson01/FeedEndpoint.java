package dev.realtimelessons.lesson01;

import java.io.IOException;
import java.util.List;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

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
    // tag::onOpen[]
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        List<String> since = session.getRequestParameterMap().get("since");
        long after;
        try {
            after = SinceParameter.parse(since == null ? null : since.get(0), feed.latestId());
        } catch (BadRequest e) {
            close(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.getMessage()));
            return;
        }
        subscription = feed.subscribe(after, (event, json) -> session.getAsyncRemote().sendText(json));
    }
    // end::onOpen[]

    /**
     * Step 3: stops the subscription when the connection closes, whoever closed it.
     *
     * @param session     the connection
     * @param closeReason why it closed
     */
    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (subscription != null) {
            subscription.close();
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "WebSocket error on {0}: {1}", session.getId(), failure.toString());
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException alreadyGone) {
            LOG.log(System.Logger.Level.DEBUG, "close failed: {0}", alreadyGone.toString());
        }
    }
}
