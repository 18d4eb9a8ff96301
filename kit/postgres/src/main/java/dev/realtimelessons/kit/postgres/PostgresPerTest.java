package dev.realtimelessons.kit.postgres;

import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that gives each test an empty database of its own on a real PostgreSQL server:
 * {@link LocalPostgres#fromEnvironment}, so {@code DATABASE_URL} when it is set (CI runs the suite once against
 * Debian's PostgreSQL this way), else an embedded server started for the test class and stopped after it. The
 * database is dropped after the test, so a shared server is never left with a test's tables.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresPerTest postgres = new PostgresPerTest();
 * }</pre>
 */
public final class PostgresPerTest implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private LocalPostgres server;
    private PostgresUrl database;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LocalPostgres.fromEnvironment(System.getenv());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        database = server.createDatabase("test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (database != null) {
            server.dropDatabase(database.database());
            database = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    /** @return the running test's database */
    public PostgresUrl database() {
        return database;
    }

    /** @return the server */
    public LocalPostgres server() {
        return server;
    }
}
