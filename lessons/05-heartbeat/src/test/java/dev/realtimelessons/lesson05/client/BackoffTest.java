package dev.realtimelessons.lesson05.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step3;

@DisplayName("Step 3: exponential backoff with full jitter")
class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofSeconds(5);

    @Test
    @Step3
    @DisplayName("the ceiling starts at the base, doubles with each attempt, then stays at the cap")
    void ceilingDoublesThenStaysAtTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, 10, new SplittableRandom(42));

        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(3_200));
        assertThat(backoff.ceiling(6)).as("6.4 s is over the cap").isEqualTo(CAP);
        assertThat(backoff.ceiling(7)).isEqualTo(CAP);
    }

    @Test
    @Step3
    @DisplayName("the ceiling of a huge attempt is the cap, not an overflowed number")
    void ceilingDoesNotOverflow() {
        Backoff tiny = new Backoff(Duration.ofNanos(1), Duration.ofDays(36_500), 10, new SplittableRandom(42));
        Backoff usual = new Backoff(BASE, CAP, 10, new SplittableRandom(42));

        assertThat(tiny.ceiling(40)).isEqualTo(Duration.ofNanos(1L << 40));
        for (int attempt : new int[] {62, 63, 64, 100, 1_000, Integer.MAX_VALUE}) {
            assertThat(tiny.ceiling(attempt)).as("attempt %d", attempt).isEqualTo(Duration.ofDays(36_500));
            assertThat(usual.ceiling(attempt)).as("attempt %d", attempt).isEqualTo(CAP);
        }
    }

    @Test
    @Step3
    @DisplayName("every delay lies between zero and min(cap, base * 2^attempt)")
    void delaysStayWithinTheirCeiling() {
        for (int seed = 0; seed < 50; seed++) {
            Backoff backoff = new Backoff(BASE, CAP, 12, new SplittableRandom(seed));
            for (int attempt = 0; attempt < 12; attempt++) {
                Duration ceiling = BASE.multipliedBy(1L << attempt); // worked out here, not with ceiling()
                if (ceiling.compareTo(CAP) > 0) {
                    ceiling = CAP;
                }

                Duration delay = backoff.next().orElseThrow();

                assertThat(delay).as("seed %d, attempt %d", seed, attempt).isBetween(Duration.ZERO, ceiling);
            }
        }
    }

    @Test
    @Step3
    @DisplayName("later attempts draw from a wider window, so on average they wait longer")
    void laterAttemptsWaitLonger() {
        long firstTotal = 0;
        long sixthTotal = 0;
        for (int seed = 0; seed < 200; seed++) {
            Backoff backoff = new Backoff(BASE, CAP, 6, new SplittableRandom(seed));
            firstTotal += backoff.next().orElseThrow().toMillis();
            for (int attempt = 1; attempt < 5; attempt++) {
                backoff.next();
            }
            sixthTotal += backoff.next().orElseThrow().toMillis();
        }

        // Uniform draws average half the ceiling: 50 ms for the first attempt, 1,600 ms for the sixth (3.2 s).
        // With 200 draws an average strays by about 4 % (one standard deviation); the bounds allow about nine.
        assertThat(firstTotal / 200).as("average first delay in ms").isBetween(30L, 70L);
        assertThat(sixthTotal / 200).as("average sixth delay in ms").isBetween(1_000L, 2_200L);
    }

    @Test
    @Step3
    @DisplayName("hands out maxAttempts delays, counting them, then nothing")
    void givesUpAfterMaxAttempts() {
        Backoff backoff = new Backoff(BASE, CAP, 3, new SplittableRandom(42));
        assertThat(backoff.attempts()).isZero();

        for (int used = 1; used <= 3; used++) {
            assertThat(backoff.next()).isPresent();
            assertThat(backoff.attempts()).isEqualTo(used);
        }

        assertThat(backoff.next()).isEmpty();
        assertThat(backoff.next()).as("asking again changes nothing").isEmpty();
        assertThat(backoff.attempts()).isEqualTo(3);
    }

    @Test
    @Step3
    @DisplayName("reset starts again from the base, with every attempt available")
    void resetStartsAgain() {
        for (int seed = 0; seed < 50; seed++) {
            Backoff backoff = new Backoff(BASE, CAP, 8, new SplittableRandom(seed));
            while (backoff.next().isPresent()) {
                // use up every attempt: the last ceilings are the 5 s cap
            }

            backoff.reset();

            assertThat(backoff.attempts()).isZero();
            List<Optional<Duration>> again = new ArrayList<>();
            for (int attempt = 0; attempt < 8; attempt++) {
                again.add(backoff.next());
            }
            assertThat(again).allSatisfy(delay -> assertThat(delay).isPresent());
            assertThat(again.get(0).orElseThrow()).as("seed %d: the first delay after a reset", seed)
                    .isLessThanOrEqualTo(BASE);
            assertThat(backoff.next()).isEmpty();
        }
    }

    @Test
    @Step3
    @DisplayName("the defaults are a 250 ms base, a 30 s cap and 20 attempts")
    void defaults() {
        Backoff backoff = Backoff.defaults(new SplittableRandom(42));

        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(7)).as("32 s is over the cap").isEqualTo(Duration.ofSeconds(30));
        for (int attempt = 0; attempt < 20; attempt++) {
            assertThat(backoff.next()).as("attempt %d", attempt).isPresent();
        }
        assertThat(backoff.next()).isEmpty();
    }

    @Test // the checks are given: this test passes on the starter too
    @DisplayName("rejects a base of zero or less, a cap below the base, and fewer than one attempt")
    void rejectsInvalidArguments() {
        SplittableRandom random = new SplittableRandom(42);

        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, CAP, 3, random))
                .withMessageContaining("base");
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofMillis(-1), CAP, 3, random))
                .withMessageContaining("base");
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(BASE, Duration.ofMillis(99), 3, random))
                .withMessageContaining("cap");
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(BASE, CAP, 0, random))
                .withMessageContaining("maxAttempts");
    }

    @Test
    @Step3
    @DisplayName("a thousand clients dropped at the same moment come back at spread-out times, not all at once")
    void manyClientsSpreadOut() {
        int clients = 1_000;
        int[] perBucket = new int[10]; // the first attempt's window [0, 250 ms] in ten buckets of 25 ms
        Set<Duration> firstDelays = new HashSet<>();
        Set<Duration> ceilings = new HashSet<>();
        for (int seed = 0; seed < clients; seed++) {
            Backoff backoff = Backoff.defaults(new SplittableRandom(seed)); // each client its own generator
            Duration first = backoff.next().orElseThrow();
            firstDelays.add(first);
            ceilings.add(backoff.ceiling(0));
            perBucket[(int) Math.min(9, first.toMillis() / 25)]++;
        }

        // Without jitter every client would wait exactly the ceiling: one delay, and 1,000 reconnects at once.
        assertThat(ceilings).containsExactly(Duration.ofMillis(250));
        // With it, about 100 clients land in each bucket (a standard deviation of about 10). The seeds are fixed,
        // so this cannot flake; and the bounds are loose enough to hold for any correct uniform draw.
        List<Integer> counts = Arrays.stream(perBucket).boxed().toList();
        assertThat(counts).as("clients per 25 ms of the first window").allSatisfy(count ->
                assertThat(count).isBetween(40, 200));
        // Even a draw in whole milliseconds has 251 possible values; 1,000 equal delays would make this 1.
        assertThat(firstDelays).as("distinct first delays").hasSizeGreaterThan(200);
    }
}
