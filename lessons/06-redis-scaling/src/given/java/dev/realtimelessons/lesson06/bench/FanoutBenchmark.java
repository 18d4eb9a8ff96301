package dev.realtimelessons.lesson06.bench;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.lesson05.HeartbeatServer;
import dev.realtimelessons.lesson06.ClusterServer;

/**
 * Cross-server fan-out: one client publishes into a room with N receivers, first at a steady rate, then as fast as
 * it can, and each receiver notes how long each message took from the publisher's send to its arrival. Three set-ups, in one run:
 * lesson 05's server alone (no Redis), one server of the cluster (numbering in Redis), and two servers with the
 * receivers split between them and the publisher on the first. Each runs twice; the first round warms up the JIT.
 * Servers, Redis (embedded, or {@code REDIS_URL}) and clients share this machine, on loopback.
 *
 * <p>Options: {@code --receivers=200}, {@code --messages=400}, {@code --rate=200} (messages per second, for the
 * steady part); {@code --help} lists them.
 */
@Command(name = "06-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cross-server fan-out: lesson 05's server alone, one cluster server, two cluster servers.")
public final class FanoutBenchmark implements Callable<Integer> {

    @Mixin
    FanoutOptions options = new FanoutOptions();

    private FanoutBenchmark() {
    }

    /**
     * Runs the set-ups and prints a table.
     *
     * @param args {@code --receivers=}, {@code --messages=}, {@code --rate=}; {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = new CommandLine(new FanoutBenchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the set-ups and prints a table.
     *
     * @return 0
     * @throws Exception if a server or a client cannot start
     */
    @Override
    public Integer call() throws Exception {
        Fanout fanout = options.fanout();
        fanout.printHeader();
        try (LocalRedis redis = LocalRedis.fromEnvironment(System.getenv())) {
            for (int round = 1; round <= 2; round++) {
                fanout.run(round, "lesson 05 server alone (no Redis)", 1, config -> List.of(
                        HeartbeatServer.start(config.auth(), config.heartbeat())));
                fanout.run(round, "1 cluster server + Redis", 1, config -> List.of(
                        ClusterServer.start(config, redis.uri())));
                fanout.run(round, "2 cluster servers + Redis", 2, config -> List.of(
                        ClusterServer.start(config.withNode("bench-1"), redis.uri()),
                        ClusterServer.start(config.withNode("bench-2"), redis.uri())));
            }
        }
        return 0;
    }
}
