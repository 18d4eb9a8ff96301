package dev.realtimelessons.lesson07.bench;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.realtimelessons.kit.postgres.LocalPostgres;
import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson06.bench.Fanout;
import dev.realtimelessons.lesson06.bench.FanoutOptions;
import dev.realtimelessons.lesson07.ChatService;

/**
 * What the database costs in the path of a message: lesson 06's fan-out benchmark ({@link Fanout}), with lesson
 * 06's servers (numbering and history in Redis) and lesson 07's (every message committed to PostgreSQL before it
 * is delivered) side by side in one run, with one server and with two. Each set-up runs twice; the first round warms
 * up the JIT. Servers, Redis, PostgreSQL (embedded, or {@code REDIS_URL} and {@code DATABASE_URL}; each set-up gets
 * a new database) and clients share this machine, on loopback.
 */
@Command(name = "07-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fan-out with the database in the path: lesson 06's servers against lesson 07's.")
public final class ChatBenchmark implements Callable<Integer> {

    @Mixin
    FanoutOptions options = new FanoutOptions();

    private ChatBenchmark() {
    }

    /**
     * Runs the set-ups and prints a table.
     *
     * @param args {@code --receivers=}, {@code --messages=}, {@code --rate=}; {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = new CommandLine(new ChatBenchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        Fanout fanout = options.fanout();
        fanout.printHeader();
        AtomicInteger databases = new AtomicInteger();
        try (LocalRedis redis = LocalRedis.fromEnvironment(System.getenv());
             LocalPostgres postgres = LocalPostgres.fromEnvironment(System.getenv())) {
            for (int round = 1; round <= 2; round++) {
                fanout.run(round, "1 lesson 06 server (Redis)", 1, config -> List.of(
                        ClusterServer.start(config, redis.uri())));
                fanout.run(round, "1 lesson 07 server (Redis + PostgreSQL)", 1, config -> {
                    var database = postgres.createDatabase(databaseName(databases.incrementAndGet()));
                    return List.of(ChatService.start(config, redis.uri(), database));
                });
                fanout.run(round, "2 lesson 06 servers (Redis)", 2, config -> List.of(
                        ClusterServer.start(config.withNode("bench-1"), redis.uri()),
                        ClusterServer.start(config.withNode("bench-2"), redis.uri())));
                fanout.run(round, "2 lesson 07 servers (Redis + PostgreSQL)", 2, config -> {
                    var database = postgres.createDatabase(databaseName(databases.incrementAndGet()));
                    return List.of(ChatService.start(config.withNode("bench-1"), redis.uri(), database),
                            ChatService.start(config.withNode("bench-2"), redis.uri(), database));
                });
            }
        }
        return 0;
    }

    /** A database of its own for each set-up, even on a server that keeps those of earlier runs. */
    private static String databaseName(int setUp) {
        return "bench_" + ProcessHandle.current().pid() + "_" + setUp;
    }
}
