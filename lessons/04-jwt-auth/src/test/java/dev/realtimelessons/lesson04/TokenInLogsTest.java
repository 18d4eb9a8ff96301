package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.WsTestClient;

@DisplayName("A token in the query string stays out of the logs")
class TokenInLogsTest {

    @RegisterExtension
    final RunningAuthServer server = new RunningAuthServer(AuthServerConfig.forTests());

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @BeforeEach
    void captureEverything() {
        before = root.getLevel();
        root.setLevel(Level.ALL); // Tyrus and Grizzly print requests at FINE and below
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void restore() {
        root.removeHandler(capture);
        root.setLevel(before);
    }

    @Test
    @DisplayName("no log line, at any level, contains a token sent as ?token=, whether accepted or refused")
    void redacted() {
        String good = server.token("ada", Set.of(), Set.of());
        WsTestClient ada = server.open(server.uri("ws", "/ws?token=" + good), Map.of());
        ada.awaitMessage("connected", RunningAuthServer.WAIT);
        ada.send(Map.of("type", "ping", "id", "1"));
        ada.awaitMessage("pong", RunningAuthServer.WAIT);
        String expired = server.server().issuer().issue("bob", Set.of(), Set.of(), java.time.Duration.ofSeconds(-5));
        assertThat(server.attempt("/ws?token=" + expired, Map.of()).status()).isEqualTo(401);

        assertThat(lines).as("log lines captured").isNotEmpty();
        // The JDK's HttpClient is the client here: it logs its own URL, which a real client's log would hold.
        lines.removeIf(line -> line.contains("jdk.internal.net.http"));
        assertThat(lines).noneMatch(line -> line.contains(good)).noneMatch(line -> line.contains(expired));
    }
}
