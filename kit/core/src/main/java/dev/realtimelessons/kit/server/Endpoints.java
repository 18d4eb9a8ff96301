package dev.realtimelessons.kit.server;

import java.lang.reflect.Modifier;
import java.util.function.Supplier;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Builds {@link ServerEndpointConfig}s whose endpoint instances come from a factory.
 *
 * <p>The Jakarta API creates endpoint instances itself unless a {@link ServerEndpointConfig.Configurator} says
 * otherwise. Handing the factory in through the configurator lets an endpoint receive its collaborators (a feed,
 * a connection registry) through its constructor, with no static state shared between servers or tests.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * A configuration for a programmatic endpoint at a path.
     *
     * @param type    the endpoint class, a subclass of {@link Endpoint}
     * @param path    the path, for example {@code "/ws"}
     * @param factory called once per connection (the Jakarta default is an instance per connection too)
     * @param <T>     the endpoint type
     * @return the configuration to hand to {@link RealtimeServer.Builder#websocket(ServerEndpointConfig)}
     * @throws IllegalArgumentException if the class is not public: Tyrus calls its methods reflectively and would
     *                                  otherwise fail on every connection, reporting only to {@code onError}
     */
    public static <T extends Endpoint> ServerEndpointConfig perConnection(
            Class<T> type, String path, Supplier<? extends T> factory) {
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " must be a public class: Tyrus calls onOpen, "
                    + "onClose and onError through reflection");
        }
        return ServerEndpointConfig.Builder.create(type, path)
                .configurator(new FactoryConfigurator(factory))
                .build();
    }

    private static final class FactoryConfigurator extends ServerEndpointConfig.Configurator {
        private final Supplier<?> factory;

        FactoryConfigurator(Supplier<?> factory) {
            this.factory = factory;
        }

        @Override
        public <E> E getEndpointInstance(Class<E> endpointClass) {
            return endpointClass.cast(factory.get());
        }
    }
}
