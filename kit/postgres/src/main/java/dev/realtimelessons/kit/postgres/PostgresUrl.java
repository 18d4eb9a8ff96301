package dev.realtimelessons.kit.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a PostgreSQL database is and who connects to it, read from the forms a {@code DATABASE_URL} comes in:
 * {@code postgres://user:password@host:5432/db} (Heroku, Render, Fly and most hosts), {@code postgresql://...}, or
 * a JDBC URL, {@code jdbc:postgresql://host:5432/db?user=...&password=...}.
 *
 * @param host     the host
 * @param port     the port
 * @param database the database's name
 * @param user     the user, or null to let the driver choose
 * @param password the password, or null for none
 */
public record PostgresUrl(String host, int port, String database, String user, String password) {

    /** PostgreSQL's port. */
    public static final int DEFAULT_PORT = 5432;

    /**
     * Reads a URL.
     *
     * @param url one of the forms above
     * @return where it points
     * @throws IllegalArgumentException if it is none of them, or names no host or database
     */
    public static PostgresUrl parse(String url) {
        String text = url.strip();
        boolean jdbc = text.startsWith("jdbc:");
        URI uri = URI.create(jdbc ? text.substring("jdbc:".length()) : text);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("a database URL must start with postgres://, postgresql:// or "
                    + "jdbc:postgresql://");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || database.isEmpty()) {
            throw new IllegalArgumentException("a database URL must name a host and a database, as in "
                    + "postgres://user:password@localhost:5432/chat");
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = query.get("user");
        String password = query.get("password");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new PostgresUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, user,
                password);
    }

    /** @return the JDBC URL, without the credentials (pass them apart, so that they stay out of logs) */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * The same server and credentials, another database.
     *
     * @param name the database
     * @return its URL
     */
    public PostgresUrl withDatabase(String name) {
        return new PostgresUrl(host, port, name, user, password);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "postgres://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
