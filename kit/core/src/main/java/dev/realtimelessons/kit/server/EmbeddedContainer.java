package dev.realtimelessons.kit.server;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Tyrus container that does not own a network listener: {@link RealtimeServer} plugs its engine into a Grizzly
 * listener that it shares with plain HTTP handlers.
 */
final class EmbeddedContainer extends TyrusServerContainer {

    /** Endpoint paths are absolute ("/ws"); the server has no context path of its own. */
    static final String CONTEXT_PATH = "";

    /** A session's idle timeout: none (see the constructor). */
    static final long NO_IDLE_TIMEOUT = -1;

    private final TyrusWebSocketEngine engine;

    /**
     * @param engine sets the engine's options, for example its incoming buffer size
     */
    EmbeddedContainer(UnaryOperator<TyrusWebSocketEngine.TyrusWebSocketEngineBuilder> engine) {
        super((Set<Class<?>>) null);
        // No idle timeout, as with the default of 0, but said with -1: Tyrus 2.2.2 takes 0 as a timeout of 0 ms to
        // schedule on every message sent or received (a task that runs at once, wakes a container thread and does
        // nothing), and only a negative value as none at all (TyrusSession.restartIdleTimeoutExecutor).
        setDefaultMaxSessionIdleTimeout(NO_IDLE_TIMEOUT);
        this.engine = engine.apply(TyrusWebSocketEngine.builder(this)).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, CONTEXT_PATH);
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, CONTEXT_PATH);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }
}
