package dev.realtimelessons.lesson07;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;

import org.flywaydb.core.Flyway;

import dev.realtimelessons.kit.postgres.PostgresUrl;

/**
 * The chat's PostgreSQL database: a pool of connections (HikariCP), and the schema brought up to date by Flyway's
 * versioned migrations ({@code lesson07/db/V*.sql}) before the first connection is handed out.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final List<Consumer<SQLException>> errors;

    private Database(HikariDataSource pool, List<Consumer<SQLException>> errors) {
        this.pool = pool;
        this.errors = errors;
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @param url      the database
     * @param poolSize the most connections the pool keeps open, 2 or more: Flyway migrates on one connection
     *                 while it holds another
     * @return the database, migrated
     * @throws IllegalArgumentException                if the pool would be smaller than 2
     * @throws org.flywaydb.core.api.FlywayException if a migration fails
     */
    public static Database open(PostgresUrl url, int poolSize) {
        if (poolSize < 2) {
            throw new IllegalArgumentException("a pool of " + poolSize + " cannot migrate: Flyway needs 2 connections");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("chat-db");
        // A database that does not answer fails a request within about a second: the client gets unavailable
        // at once, and no room worker is stuck behind a dead connection.
        config.setConnectionTimeout(Duration.ofMillis(1000).toMillis());
        config.setValidationTimeout(Duration.ofMillis(500).toMillis());
        config.addDataSourceProperty("socketTimeout", "5"); // seconds: a statement that hangs fails
        config.addDataSourceProperty("connectTimeout", "1");
        // The pool starts even while the database is down (lesson 07's failure tests): it connects when asked.
        config.setInitializationFailTimeout(-1);
        // Every SQLException a borrowed connection, statement or result set throws passes here (lesson 09 counts
        // them); the pool then decides as it would have, whether the connection is broken.
        List<Consumer<SQLException>> errors = new CopyOnWriteArrayList<>();
        config.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override // the interface's own Override, its answer, hides the annotation's name here
            public Override adjudicate(SQLException e) {
                errors.forEach(listener -> listener.accept(e));
                return Override.CONTINUE_EVICT;
            }
        });
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, errors);
    }

    /**
     * Applies the migrations that this database has not had yet.
     *
     * @param dataSource the database
     */
    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:lesson07/db").load().migrate();
    }

    /**
     * Borrows a connection from the pool; closing it gives it back.
     *
     * @return a connection, in auto-commit mode
     * @throws SQLException if the database cannot be reached within the pool's timeout
     */
    public Connection connection() throws SQLException {
        try {
            return pool.getConnection();
        } catch (SQLException e) { // no connection within the timeout: the database is down, or the pool exhausted
            errors.forEach(listener -> listener.accept(e));
            throw e;
        }
    }

    /**
     * Adds a listener of the database's errors: a connection not had within the pool's timeout, and every
     * {@link SQLException} thrown by a connection, a statement or a result set of the pool, whether or not the code
     * that used it catches it. Call before the server starts.
     *
     * @param listener called on the thread that met the error; must not block
     */
    public void onError(Consumer<SQLException> listener) {
        errors.add(listener);
    }

    @Override
    public void close() {
        pool.close();
    }
}
