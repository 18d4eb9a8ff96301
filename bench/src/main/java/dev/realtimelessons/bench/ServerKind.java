package dev.realtimelessons.bench;

import java.util.Map;

import dev.realtimelessons.bench.servers.Lesson03Server;
import dev.realtimelessons.bench.servers.Lesson05Server;
import dev.realtimelessons.bench.servers.Lesson06Server;
import dev.realtimelessons.bench.servers.Lesson09Server;
import dev.realtimelessons.bench.servers.TyrusReferenceServer;

/** The servers the harness compares, each started as a fresh process per run. */
enum ServerKind {
    /** The bare Tyrus reference: every ratio is to this one. */
    TYRUS("tyrus", "bare Tyrus", TyrusReferenceServer.class, Map.of()),
    /** Lesson 03's rooms server. */
    L03("03", "lesson 03", Lesson03Server.class, Map.of()),
    /** Lesson 05's heartbeat server, authentication off. */
    L05("05", "lesson 05", Lesson05Server.class, Map.of("AUTH_REQUIRED", "false")),
    /** One node of lesson 06 and its Redis (the Redis's CPU counts as the server's). */
    L06("06", "lesson 06 + Redis", Lesson06Server.class, Map.of("AUTH_REQUIRED", "false")),
    /**
     * One server of lesson 09 (lesson 08's notifications and lesson 07's chat on PostgreSQL underneath): its Redis,
     * and its embedded PostgreSQL, whose processes are the server's children; both CPUs count as the server's.
     */
    L09("09", "lesson 09 + Redis + PostgreSQL", Lesson09Server.class, Map.of("AUTH_REQUIRED", "false")),
    /** A minimal Node {@code ws} room server, when {@code node} is installed. */
    NODE("node", "Node ws", null, Map.of());

    /** Every loopback client of the harness comes from one address and claims many users: no limit applies. */
    static final Map<String, String> NO_LIMITS = Map.of("MAX_CONNECTIONS", "0", "MAX_CONNECTIONS_PER_USER", "0",
            "MAX_CONNECTIONS_PER_IP", "0");

    private final String id;
    private final String label;
    private final Class<?> main;
    private final Map<String, String> env;

    ServerKind(String id, String label, Class<?> main, Map<String, String> env) {
        this.id = id;
        this.label = label;
        this.main = main;
        this.env = env;
    }

    /** @return the name {@code --servers} takes */
    String id() {
        return id;
    }

    /** @return the name in the tables */
    String label() {
        return label;
    }

    /** @return the Java main class, or null for the Node server */
    Class<?> main() {
        return main;
    }

    /** @return the variables this server needs besides {@code PORT} and {@link #NO_LIMITS} */
    Map<String, String> env() {
        return env;
    }

    /**
     * @param id a name {@code --servers} takes
     * @return its server
     * @throws IllegalArgumentException if no server has that name
     */
    static ServerKind of(String id) {
        for (ServerKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown server '" + id + "': tyrus, 03, 05, 06, 09 or node");
    }
}
