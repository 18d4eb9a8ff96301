package dev.realtimelessons.kit.server;

import java.util.Map;
import java.util.Set;

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

    private final TyrusWebSocketEngine engine;

    /**
     * A container whose engine buffers at most one frame of the given size per connection.
     *
     * @param incomingBufferBytes the size of Tyrus's incoming buffer: past it, Tyrus closes with 1011
     */
    EmbeddedContainer(int incomingBufferBytes) {
        super((Set<Class<?>>) null);
        this.engine = TyrusWebSocketEngine.builder(this)
                .incomingBufferSize(incomingBufferBytes)
                .build();
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
