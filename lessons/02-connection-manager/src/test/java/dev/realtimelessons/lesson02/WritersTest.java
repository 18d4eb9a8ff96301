package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The outbox writers that every connection shares (given code; it needs step 1). */
@DisplayName("The outbox writers")
class WritersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final ChatApp app = new ChatApp(ChatServerConfig.forTests());
    private final CountDownLatch network = new CountDownLatch(1);

    @AfterEach
    void stop() {
        network.countDown();
        app.close();
    }

    @Test
    @DisplayName("many slow consumers at once get at most twice as many writer threads as cores, and every message "
            + "is sent in the end")
    void slowConsumersDoNotMultiplyThreads() {
        int consumers = 8 * CORES;
        AtomicInteger sent = new AtomicInteger();
        for (int i = 0; i < consumers; i++) {
            AtomicReference<Consumer<Throwable>> firstSent = new AtomicReference<>();
            Outbox outbox = new Outbox(10, slowConsumer(sent, firstSent), failOnReport(), app.writers());
            outbox.offer("first"); // in flight
            outbox.offer("second"); // waits for the first
            firstSent.get().accept(null); // the first is sent: the writers start the second, which holds its writer
        }

        ThreadPoolExecutor writers = (ThreadPoolExecutor) app.writers();
        assertThat(writers.getLargestPoolSize()).as("writer threads ever started, for %d slow consumers on %d cores",
                consumers, CORES).isLessThanOrEqualTo(2 * CORES);

        network.countDown();
        await("every message sent").atMost(WAIT).untilAsserted(() -> assertThat(sent).hasValue(2 * consumers));
    }

    /**
     * A consumer whose first send completes when the test says so, and whose second holds its writer until the
     * network moves, as a send to a client that does not read may.
     */
    private Outbox.Sender slowConsumer(AtomicInteger sent, AtomicReference<Consumer<Throwable>> firstSent) {
        return (text, completion) -> {
            if (text.equals("first")) {
                firstSent.set(failure -> {
                    sent.incrementAndGet();
                    completion.accept(failure);
                });
                return;
            }
            try {
                assertThat(network.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the network moved").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.incrementAndGet();
            completion.accept(null);
        };
    }

    private static Outbox.Listener failOnReport() {
        return new Outbox.Listener() {
            @Override
            public void onOverflow() {
                throw new AssertionError("no outbox here overflows");
            }

            @Override
            public void onSendFailed(Throwable failure) {
                throw new AssertionError("no send here fails", failure);
            }
        };
    }
}
