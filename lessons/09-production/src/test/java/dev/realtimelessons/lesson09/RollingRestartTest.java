package dev.realtimelessons.lesson09;

import static dev.realtimelessons.lesson09.RunningProduction.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.IntNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Futures;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.LocalNginx;
import dev.realtimelessons.lesson05.client.Backoff;
import dev.realtimelessons.lesson05.client.ConnectionState;
import dev.realtimelessons.lesson05.client.RealtimeClient;
import dev.realtimelessons.lesson05.client.Recovery;

@Tag("postgres")
@Tag("redis")
@DisplayName("A rolling restart behind nginx")
class RollingRestartTest {

    private static final int CLIENTS = 20;
    private static final String ROOM = "lobby";
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final int BATCHES = 6;
    private static final Duration PUBLISH_EVERY = Duration.ofMillis(50);
    private static final long BUCKET_MS = 250;

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningProduction service = new RunningProduction(redis, postgres);

    /** One client of the test: what it delivered, how it recovered, when it came back. */
    private static final class Member {
        final List<Long> seqs = new CopyOnWriteArrayList<>();
        final List<Recovery> recoveries = new CopyOnWriteArrayList<>();
        final List<Long> reconnectedAt = new CopyOnWriteArrayList<>(); // System.nanoTime()
        RealtimeClient client;
    }

    @Test
    @DisplayName("restarting both servers one after the other under steady publishing: every client ends on a live"
            + " server, recovered, without a message lost or doubled, its reconnections spread over the window")
    void rollingRestart() throws Exception {
        LocalNginx.requireInstalled();
        ProductionConfig production = ProductionConfig.defaults().withDrain(WINDOW, BATCHES);
        ProductionServer a = service.start(production, 0);
        ProductionServer b = service.start(production, 0);
        int portA = a.uri("http", "/").getPort();
        int portB = b.uri("http", "/").getPort();
        LocalNginx nginx = LocalNginx.startWith(port -> config(port, portA, portB));
        service.closeAfter(nginx);
        URI ws = nginx.uri("ws", "/ws");

        List<Member> members = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            members.add(member(ws, "user" + i));
        }
        Member publisher = member(ws, "publisher");
        assertThat(a.cluster().chat().app().connections().connections()).as("clients on a").isNotEmpty();
        assertThat(b.cluster().chat().app().connections().connections()).as("clients on b").isNotEmpty();

        AtomicLong lastAcked = new AtomicLong();
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger counter = new AtomicInteger();
        ScheduledExecutorService publishing = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("publisher"));
        service.closeAfter(publishing::shutdownNow);
        publishing.scheduleAtFixedRate(() -> publisher.client.publish(ROOM,
                IntNode.valueOf(counter.incrementAndGet())).whenComplete((ack, failure) -> {
                    if (failure != null) {
                        failed.incrementAndGet(); // not connected, or lost before the ack: never doubled
                    } else {
                        acked.incrementAndGet();
                        lastAcked.accumulateAndGet(ack.get("seq").asLong(), Math::max);
                    }
                }), 0, PUBLISH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        await("steady publishing").atMost(WAIT).until(() -> acked.get() >= 10);

        long drainA = System.nanoTime();
        assertThat(a.drain()).as("a drained within its window").isTrue();
        a.close();
        ProductionServer a2 = service.start(production, portA);
        await("a back").atMost(WAIT).until(() -> Http.get(a2.uri("http", "/ready")).statusCode() == 200);
        long drainB = System.nanoTime();
        assertThat(b.drain()).as("b drained within its window").isTrue();
        b.close();
        ProductionServer b2 = service.start(production, portB);
        await("b back").atMost(WAIT).until(() -> Http.get(b2.uri("http", "/ready")).statusCode() == 200);
        int ackedBefore = acked.get();
        await("publishing after the restarts").atMost(WAIT).until(() -> acked.get() >= ackedBefore + 10);
        publishing.shutdownNow();
        publishing.awaitTermination(5, TimeUnit.SECONDS);

        long last = lastAcked.get();
        await("every client connected with every message").atMost(WAIT).untilAsserted(() ->
                assertThat(members).allSatisfy(member -> {
                    assertThat(member.client.state()).isEqualTo(ConnectionState.CONNECTED);
                    assertThat(member.client.lastSeq(ROOM)).isGreaterThanOrEqualTo(last);
                }));
        int live = a2.cluster().chat().app().connections().connections().size()
                + b2.cluster().chat().app().connections().connections().size();
        assertThat(live).as("every client on a live server").isEqualTo(CLIENTS + 1);
        for (Member member : members) {
            List<Long> seqs = member.seqs;
            assertThat(seqs).as("no message doubled").doesNotHaveDuplicates();
            assertThat(seqs.get(seqs.size() - 1) - seqs.get(0) + 1).as("no gap in %s", seqs).isEqualTo(seqs.size());
            assertThat(member.recoveries).as("moved at least once, recovered each time").isNotEmpty()
                    .allSatisfy(recovery -> assertThat(recovery.recovered()).isTrue());
        }

        Map<Long, Long> first = histogram(members, drainA, drainB);
        Map<Long, Long> second = histogram(members, drainB, drainB + TimeUnit.MINUTES.toNanos(1));
        System.out.printf("published %d (acked %d, failed %d); reconnections per %d ms after each drain started:"
                + "%n  a: %s%n  b: %s%n", counter.get(), acked.get(), failed.get(), BUCKET_MS, first, second);
        assertThat(first.keySet()).as("a's clients came back spread over its window, not at once")
                .hasSizeGreaterThan(2);
        assertThat(second.keySet()).as("b's clients came back spread over its window").hasSizeGreaterThan(2);
    }

    /** nginx in front of both: a 503 (a draining server) or a refused connection (a stopped one) tries the other. */
    private static String config(int port, int portA, int portB) {
        return """
                map $http_upgrade $connection_upgrade {
                    default upgrade;
                    ''      close;
                }
                upstream realtime {
                    server 127.0.0.1:%2$d max_fails=0;
                    server 127.0.0.1:%3$d max_fails=0;
                }
                server {
                    listen 127.0.0.1:%1$d;
                    location / {
                        proxy_pass http://realtime;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $http_host;
                        proxy_next_upstream error timeout http_503;
                        proxy_read_timeout 60s;
                        proxy_send_timeout 60s;
                    }
                }
                """.formatted(port, portA, portB);
    }

    private Member member(URI ws, String user) {
        Member member = new Member();
        member.client = RealtimeClient.builder(ws)
                .header("Authorization", "Bearer " + service.token(user))
                .backoff(() -> new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 50, new SplittableRandom()))
                .onRoomMessage(message -> member.seqs.add(message.get("seq").asLong()))
                .onRecovery(member.recoveries::add)
                .onState((from, to, reason) -> {
                    if (from == ConnectionState.RECONNECTING && to == ConnectionState.CONNECTED) {
                        member.reconnectedAt.add(System.nanoTime());
                    }
                })
                .build();
        service.closeAfter(member.client);
        Futures.await(member.client.connect(), WAIT, user + "'s connect");
        Futures.await(member.client.join(ROOM), WAIT, user + "'s join");
        return member;
    }

    /** How many reconnections fell in each bucket after a drain started, until the next one started. */
    private static Map<Long, Long> histogram(List<Member> members, long from, long until) {
        return members.stream().flatMap(member -> member.reconnectedAt.stream())
                .filter(at -> at - from >= 0 && at - until < 0)
                .collect(Collectors.groupingBy(at -> TimeUnit.NANOSECONDS.toMillis(at - from) / BUCKET_MS
                        * BUCKET_MS, TreeMap::new, Collectors.counting()));
    }
}
