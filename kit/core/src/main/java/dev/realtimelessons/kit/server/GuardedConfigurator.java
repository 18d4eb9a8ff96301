package dev.realtimelessons.kit.server;

import java.util.List;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Wraps an endpoint's configurator to move the principal the {@link HandshakeFilter} accepted into the new session's
 * user properties. Everything else is the wrapped configurator's.
 */
final class GuardedConfigurator extends ServerEndpointConfig.Configurator {

    private final ServerEndpointConfig.Configurator delegate;
    private final AcceptedHandshakes accepted;

    private GuardedConfigurator(ServerEndpointConfig.Configurator delegate, AcceptedHandshakes accepted) {
        this.delegate = delegate;
        this.accepted = accepted;
    }

    /** A copy of {@code config} whose sessions get the guard's principal. */
    static ServerEndpointConfig guard(ServerEndpointConfig config, AcceptedHandshakes accepted) {
        ServerEndpointConfig guarded = ServerEndpointConfig.Builder.create(config.getEndpointClass(), config.getPath())
                .subprotocols(config.getSubprotocols())
                .extensions(config.getExtensions())
                .encoders(config.getEncoders())
                .decoders(config.getDecoders())
                .configurator(new GuardedConfigurator(config.getConfigurator(), accepted))
                .build();
        guarded.getUserProperties().putAll(config.getUserProperties());
        return guarded;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        delegate.modifyHandshake(sec, request, response);
        List<String> handle = request.getHeaders().get(AcceptedHandshakes.HEADER);
        Object principal = accepted.take(handle == null || handle.isEmpty() ? null : handle.get(0));
        if (principal != null) {
            sec.getUserProperties().put(HandshakeGuard.PRINCIPAL, principal);
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return delegate.getEndpointInstance(endpointClass);
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return delegate.checkOrigin(originHeaderValue);
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return delegate.getNegotiatedSubprotocol(supported, requested);
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return delegate.getNegotiatedExtensions(installed, requested);
    }
}
