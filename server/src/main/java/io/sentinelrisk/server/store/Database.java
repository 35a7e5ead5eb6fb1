package io.sentinelrisk.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.features.engine.DbTarget;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The server's database: an embedded H2 file under the data directory (zero set-up, survives
 * restarts) or PostgreSQL, pooled by HikariCP and migrated by Flyway with the same scripts for
 * both ({@code db/migration}). Every write runs in one transaction ({@link #inTransaction}); a
 * request is answered 2xx only after its transaction committed.
 */
public final class Database implements AutoCloseable {
    /** Which engine: decides the few statements that differ (none in the migrations). */
    public enum Kind { H2, POSTGRESQL }

    private final HikariDataSource pool;
    private final Kind kind;
    private final String display;
    private final StoreTimer timer;

    private Database(HikariDataSource pool, Kind kind, String display, StoreTimer timer) {
        this.pool = pool;
        this.kind = kind;
        this.display = display;
        this.timer = timer;
    }

    /**
     * Opens (and migrates) the database named by {@code url}: null or blank = the embedded file
     * {@code dataDir/sentinel} (H2); {@code postgresql://…} or {@code jdbc:postgresql:…} = PostgreSQL.
     *
     * @param schema PostgreSQL schema to use (created by Flyway when missing), or null for the
     *               connection's default; tests give each run its own
     */
    public static Database open(String url, Path dataDir, String schema, StoreTimer timer) {
        HikariConfig c = new HikariConfig();
        Kind kind;
        String display;
        if (url == null || url.isBlank()) {
            try {
                Files.createDirectories(dataDir);
            } catch (java.io.IOException e) {
                throw new InputException("--data-dir " + dataDir + ": cannot create the directory (" + e.getMessage() + ")");
            }
            Path file = dataDir.toAbsolutePath().resolve("sentinel");
            // WRITE_DELAY=0: a commit reaches the file before the request is answered, so a killed
            // process loses nothing it acknowledged.
            c.setJdbcUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0;REUSE_SPACE=FALSE;DB_CLOSE_ON_EXIT=FALSE");
            c.setUsername("sa");
            c.setPassword("");
            kind = Kind.H2;
            display = "h2:" + file + ".mv.db";
        } else {
            DbTarget target = DbTarget.parse(url);
            if (!(target instanceof DbTarget.Postgres pg)) {
                throw new InputException("--db '" + url + "': the server stores alerts in PostgreSQL "
                        + "(postgresql://user@host:5432/database) or, without --db, in an embedded file under --data-dir");
            }
            c.setJdbcUrl(pg.jdbcUrl());
            kind = Kind.POSTGRESQL;
            display = pg.display();
        }
        c.setMaximumPoolSize(8);
        c.setPoolName("sentinel-store");
        c.setAutoCommit(true);
        c.setInitializationFailTimeout(10_000);
        if (kind == Kind.POSTGRESQL && schema != null) {
            c.setSchema(schema);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new InputException("cannot open the store " + display + ": " + firstLine(e));
        }
        try {
            var flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration");
            if (schema != null && kind == Kind.POSTGRESQL) {
                flyway.schemas(schema).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new InputException("cannot migrate the store " + display + ": " + firstLine(e));
        }
        return new Database(pool, kind, display, timer);
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse("").replaceAll("(?i)password=[^&\\s]*", "password=***");
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The pooled connections, for components that keep their own tables in this store (the
     * delivery log). They take a connection per call and give it back; the pool closes with
     * {@link #close}.
     */
    public javax.sql.DataSource dataSource() {
        return pool;
    }

    /** The store as shown to people (no password). */
    public String display() {
        return display;
    }

    /** Work inside one transaction: committed when {@code work} returns, rolled back when it throws. */
    public <T> T inTransaction(String operation, SqlWork<T> work) {
        long start = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        } finally {
            timer.record(operation, System.nanoTime() - start);
        }
    }

    /** A read (no transaction needed beyond the statement's). */
    public <T> T read(String operation, SqlWork<T> work) {
        long start = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        } finally {
            timer.record(operation, System.nanoTime() - start);
        }
    }

    /** True when a connection answers a trivial query (for /ready). */
    public boolean ping() {
        try (Connection c = pool.getConnection(); var s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Drops a PostgreSQL schema and everything in it (tests clean up their own schema). */
    public static void dropSchema(String jdbcUrl, String schema) {
        if (!schema.toLowerCase(Locale.ROOT).matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("schema name " + schema);
        }
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl); var s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new StoreException("drop schema", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Records how long store operations take (the server's metrics). */
    @FunctionalInterface
    public interface StoreTimer {
        void record(String operation, long nanos);

        StoreTimer NONE = (op, nanos) -> { };
    }
}
