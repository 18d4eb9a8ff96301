package dev.realtimelessons.lesson05.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A server's reconnect hint")
class ReconnectHintTest {

    @Test
    @DisplayName("is read from a 1012 close whose reason says 'reconnect after <n> ms'")
    void readFromAServiceRestart() {
        Disconnect drained = Disconnect.closed(1012, "closed by the server: 1012 reconnect after 1234 ms");

        assertThat(ReconnectHint.of(drained)).hasValue(Duration.ofMillis(1234));
    }

    @Test
    @DisplayName("is ignored on any other close code, a refusal, a failure, or a reason without one")
    void ignoredElsewhere() {
        assertThat(ReconnectHint.of(Disconnect.closed(1001, "closed by the server: 1001 reconnect after 5 ms")))
                .isEmpty();
        assertThat(ReconnectHint.of(Disconnect.refused(503, "reconnect after 5 ms"))).isEmpty();
        assertThat(ReconnectHint.of(Disconnect.failed("reconnect after 5 ms"))).isEmpty();
        assertThat(ReconnectHint.of(Disconnect.closed(1012, "closed by the server: 1012 service restart"))).isEmpty();
    }

    @Test
    @DisplayName("is capped, so that a mistaken server cannot park its clients")
    void capped() {
        Disconnect huge = Disconnect.closed(1012, "closed by the server: 1012 reconnect after 999999999 ms");

        assertThat(ReconnectHint.of(huge)).hasValue(ReconnectHint.MAX);
    }
}
