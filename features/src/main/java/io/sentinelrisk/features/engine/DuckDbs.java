package io.sentinelrisk.features.engine;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.SentinelException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens embedded DuckDB the way the product needs it: nothing is ever downloaded (the CSV, JSON,
 * Parquet and ICU extensions are built into the driver's native library), times are UTC, and one
 * {@link Statement} is used per query.
 */
public final class DuckDbs {
    private DuckDbs() {
    }

    public static Connection open(Path file) {
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        String url = "jdbc:duckdb:" + (file == null ? "" : file.toAbsolutePath());
        try {
            if (file != null && file.toAbsolutePath().getParent() != null) {
                java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Connection c = DriverManager.getConnection(url, p);
            execute(c, "SET TimeZone = 'UTC'");
            // if a large build spills to disk, it does so under the temporary directory, not in the
            // current directory (DuckDB's default for in-memory databases)
            Path spill = Path.of(System.getProperty("java.io.tmpdir"), "sentinel-duckdb");
            execute(c, "SET temp_directory = " + io.sentinelrisk.features.sql.Dialect.literal(spill.toAbsolutePath().toString()));
            return c;
        } catch (SQLException | java.io.IOException e) {
            throw new InputException("cannot open DuckDB database " + (file == null ? "in memory" : file.toString()) + ": "
                    + firstLine(e.getMessage()));
        }
    }

    public static void execute(Connection c, String sql) throws SQLException {
        Trace.time(sql, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
    }

    /** The single long value of a query (e.g. a count). */
    public static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().filter(l -> !l.isBlank()).findFirst().orElse("").trim();
    }

    /** A failure of the database while running SQL the product wrote: exit code 1. */
    static SentinelException failure(String what, SQLException e) {
        return new SentinelException(what + ": " + firstLine(e.getMessage()), e);
    }
}
