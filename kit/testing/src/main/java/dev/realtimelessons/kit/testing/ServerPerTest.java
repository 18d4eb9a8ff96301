package dev.realtimelessons.kit.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts a server before each test and closes it, and every client the test opened
 * through it, after the test. A lesson extends it with the helpers its tests share.
 *
 * <pre>{@code
 * @RegisterExtension
 * final RunningChatServer server = new RunningChatServer(ChatServerConfig.forTests());
 * }</pre>
 *
 * @param <S> the server type
 */
public class ServerPerTest<S extends AutoCloseable> implements BeforeEachCallback, AfterEachCallback {

    private final Supplier<S> start;
    private final List<WsTestClient> clients = new ArrayList<>();
    private S server;

    /**
     * Creates the extension.
     *
     * @param start starts a server; called before each test
     */
    protected ServerPerTest(Supplier<S> start) {
        this.start = start;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = start.get();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        clients.forEach(WsTestClient::abort);
        clients.clear();
        server.close();
    }

    /**
     * The server of the running test.
     *
     * @return the server
     */
    public S server() {
        return server;
    }

    /**
     * Opens a WebSocket that is closed after the test.
     *
     * @param uri a {@code ws://} URI
     * @return the connected client
     */
    public WsTestClient open(URI uri) {
        return open(uri, Map.of());
    }

    /**
     * Opens a WebSocket with extra handshake headers (for example {@code Authorization}); it is closed after the
     * test.
     *
     * @param uri     a {@code ws://} URI
     * @param headers header names and values
     * @return the connected client
     */
    public WsTestClient open(URI uri, Map<String, String> headers) {
        WsTestClient client = WsTestClient.connect(uri, headers);
        clients.add(client);
        return client;
    }
}
