package dev.realtimelessons.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one-line SSE blocks that come with the starter: untagged, since they pass before any step is done. */
@DisplayName("SSE comments and retry fields (given code)")
class SseCommentAndRetryTest {

    @Test
    @DisplayName("a comment and a retry field have their own lines, each ended by a blank line")
    void formatsCommentAndRetry() {
        assertThat(SseProtocol.comment("heartbeat")).isEqualTo(": heartbeat\n\n");
        assertThat(SseProtocol.retry(Duration.ofSeconds(3))).isEqualTo("retry: 3000\n\n");
    }
}
