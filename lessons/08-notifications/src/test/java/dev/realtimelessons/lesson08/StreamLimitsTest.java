package dev.realtimelessons.lesson08;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step4;

@Step4
@DisplayName("The event streams a server admits")
class StreamLimitsTest {

    private static final Duration RETRY = Duration.ofSeconds(7);

    @Test
    @DisplayName("refuses one past the total with 503 server_full and Retry-After, whoever asks")
    void total() throws Refused {
        StreamLimits limits = new StreamLimits(2, 0, RETRY);
        limits.admit("ada");
        limits.admit("bob");

        assertThatThrownBy(() -> limits.admit("carol")).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.code()).isEqualTo("server_full");
            assertThat(refused.retryAfter()).isEqualTo(RETRY);
        });
        assertThat(limits.open()).isEqualTo(2);
    }

    @Test
    @DisplayName("refuses a user's stream past their limit with 429, and admits other users")
    void perUser() throws Refused {
        StreamLimits limits = new StreamLimits(0, 2, RETRY);
        limits.admit("ada");
        limits.admit("ada");

        assertThatThrownBy(() -> limits.admit("ada")).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("too_many_streams_per_user");
            assertThat(refused.getMessage()).contains("ada");
        });
        limits.admit("bob");
        assertThat(limits.open()).isEqualTo(3);
    }

    @Test
    @DisplayName("gives a place back once, however often its stream ends, and a refused stream holds none")
    void releasesOnce() throws Refused {
        StreamLimits limits = new StreamLimits(2, 1, RETRY);
        StreamLimits.Slot ada = limits.admit("ada");
        assertThatThrownBy(() -> limits.admit("ada")).isInstanceOf(Refused.class);

        ada.close();
        ada.close();

        assertThat(limits.open()).isZero();
        limits.admit("ada");
        limits.admit("bob");
        assertThat(limits.open()).as("the double close did not free a second place").isEqualTo(2);
        assertThatThrownBy(() -> limits.admit("carol")).isInstanceOf(Refused.class);
    }
}
