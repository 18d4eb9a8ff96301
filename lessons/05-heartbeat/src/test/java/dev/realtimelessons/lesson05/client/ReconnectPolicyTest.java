package dev.realtimelessons.lesson05.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step4;

@Step4
@DisplayName("Step 4: the reconnect policy retries an outage and stops on a refusal")
class ReconnectPolicyTest {

    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofSeconds(5);

    private final Backoff backoff = backoff(3);
    private final ReconnectPolicy policy = new ReconnectPolicy(backoff);

    private static Backoff backoff(int maxAttempts) {
        return new Backoff(BASE, CAP, maxAttempts, new SplittableRandom(42));
    }

    @Test
    @DisplayName("an outage is retried after the backoff's next delay, each loss using one attempt")
    void outagesAreRetriedWithTheBackoff() {
        Backoff twin = backoff(3); // the same seed: the delays the policy must hand out, in order
        List<Disconnect> outages = List.of(
                Disconnect.failed("could not connect: ConnectException"),
                Disconnect.closed(1001, "closed by the server: 1001 going away"),
                Disconnect.refused(502, "the server refused the handshake with HTTP 502"));

        for (Disconnect outage : outages) {
            Decision decision = policy.afterLoss(outage);

            assertThat(decision).as(outage.reason()).isEqualTo(new Decision.Retry(twin.next().orElseThrow()));
        }
        assertThat(backoff.attempts()).isEqualTo(3);
    }

    @Test
    @DisplayName("every close code but a logout or a policy violation is worth another attempt")
    void closesThatAreRetried() {
        for (int code : new int[] {1000, 1001, 1006, 1011, 1012, 1013, 4001, 4008}) {
            Backoff fresh = backoff(1);

            Decision decision = new ReconnectPolicy(fresh).afterLoss(Disconnect.closed(code, "closed: " + code));

            assertThat(decision).as("close %d", code).isInstanceOf(Decision.Retry.class);
            assertThat(fresh.attempts()).as("close %d", code).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a logout (4002) or a policy violation (1008) stops the client, without using an attempt")
    void refusingClosesStop() {
        for (int code : new int[] {4002, 1008}) {
            Decision decision = policy.afterLoss(Disconnect.closed(code, "closed by the server: " + code));

            assertThat(decision).as("close %d", code).isInstanceOfSatisfying(Decision.Stop.class, stop ->
                    assertThat(stop.why()).as("the reason, for a person").isNotBlank());
        }
        assertThat(backoff.attempts()).as("attempts used").isZero();
    }

    @Test
    @DisplayName("a handshake refused for its credentials (401, 403) stops; 408, 429 and 5xx are retried")
    void refusedHandshakes() {
        for (int status : new int[] {400, 401, 403, 404}) {
            assertThat(policy.afterLoss(Disconnect.refused(status, "HTTP " + status)))
                    .as("HTTP %d", status).isInstanceOf(Decision.Stop.class);
        }
        assertThat(backoff.attempts()).as("attempts used by refusals").isZero();

        for (int status : new int[] {408, 429, 503}) {
            Backoff fresh = backoff(1);

            Decision decision = new ReconnectPolicy(fresh).afterLoss(Disconnect.refused(status, "HTTP " + status));

            assertThat(decision).as("HTTP %d", status).isInstanceOf(Decision.Retry.class);
        }
    }

    @Test
    @DisplayName("once the backoff is used up it stops, and says after how many attempts and why")
    void givesUpWhenTheBackoffIsUsedUp() {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(policy.afterLoss(Disconnect.failed("refused"))).isInstanceOf(Decision.Retry.class);
        }

        Decision last = policy.afterLoss(Disconnect.failed("could not connect: ConnectException"));

        assertThat(last).isInstanceOfSatisfying(Decision.Stop.class, stop ->
                assertThat(stop.why()).contains("3").contains("could not connect: ConnectException"));
    }

    @Test
    @DisplayName("after a connection is established, the next loss starts again from the first delay")
    void connectedStartsTheBackoffAgain() {
        for (int attempt = 0; attempt < 3; attempt++) {
            policy.afterLoss(Disconnect.failed("refused"));
        }

        policy.connected();

        assertThat(policy.afterLoss(Disconnect.closed(1001, "going away")))
                .isInstanceOfSatisfying(Decision.Retry.class, retry ->
                        assertThat(retry.delay()).isLessThanOrEqualTo(BASE));
        assertThat(backoff.attempts()).isEqualTo(1);
    }
}
