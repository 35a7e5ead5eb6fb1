package io.sentinelrisk.features.engine;

import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.FeaturePlan.PlannedFeature;
import io.sentinelrisk.features.plan.FeaturePlan.Slot;
import io.sentinelrisk.features.sql.Dialect;
import io.sentinelrisk.features.sql.SqlCompiler;
import io.sentinelrisk.features.sql.SqlScript;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan's SQL: on the in-memory DuckDB that holds {@code fs_events}, or on PostgreSQL after
 * copying {@code fs_events} there into temporary tables (COPY, CSV). Either way the result ends up
 * as {@code fs_out} in DuckDB, ready for the output writer.
 */
public final class SqlEngine {
    private SqlEngine() {
    }

    public static void runDuckDb(Connection duck, FeaturePlan plan) {
        SqlScript script = SqlCompiler.compile(plan, Dialect.DUCKDB);
        for (String sql : script.statements()) {
            try {
                DuckDbs.execute(duck, sql);
            } catch (SQLException e) {
                throw DuckDbs.failure("DuckDB failed computing the features", e);
            }
        }
    }

    public static void runPostgres(Connection duck, DbTarget.Postgres pg, FeaturePlan plan, Path tmp) {
        SqlScript script = SqlCompiler.compile(plan, Dialect.POSTGRESQL);
        Path events = tmp.resolve("events.csv");
        Path out = tmp.resolve("out.csv");
        StringBuilder cols = new StringBuilder("_row, _key, _ts, _tms");
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE fs_events (_row BIGINT, _key TEXT, _ts TIMESTAMP, _tms BIGINT");
        for (Slot s : plan.slots()) {
            if (s.index() == plan.timestampSlot()) {
                continue;
            }
            cols.append(", c").append(s.index());
            ddl.append(", c").append(s.index()).append(' ').append(switch (s.type()) {
                case NUMERIC -> "DOUBLE PRECISION";
                case BOOLEAN -> "BOOLEAN";
                default -> "TEXT";
            });
        }
        ddl.append(")");
        try {
            DuckDbs.execute(duck, "COPY (SELECT " + cols + " FROM fs_events) TO " + Dialect.literal(events.toAbsolutePath().toString())
                    + " (FORMAT csv, HEADER false)");
        } catch (SQLException e) {
            throw DuckDbs.failure("cannot export the events for PostgreSQL", e);
        }
        try (Connection c = pg.connect()) {
            DuckDbs.execute(c, "SET work_mem = '256MB'");
            DuckDbs.execute(c, ddl.toString());
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (InputStream in = Files.newInputStream(events)) {
                copy.copyIn("COPY fs_events FROM STDIN WITH (FORMAT csv)", in);
            }
            DuckDbs.execute(c, "ANALYZE fs_events");
            for (String sql : script.statements()) {
                DuckDbs.execute(c, sql);
            }
            try (OutputStream os = Files.newOutputStream(out)) {
                copy.copyOut("COPY (SELECT * FROM fs_out ORDER BY _row) TO STDOUT WITH (FORMAT csv)", os);
            }
        } catch (SQLException e) {
            throw new SentinelException("PostgreSQL failed computing the features at " + pg.display() + ": "
                    + DuckDbs.firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new SentinelException("cannot move data between DuckDB and PostgreSQL through " + tmp + ": " + e.getMessage(), e);
        }
        loadOut(duck, plan, out);
    }

    /** Loads a headerless CSV of {@code _row, feature…} into DuckDB table {@code fs_out}. */
    static void loadOut(Connection duck, FeaturePlan plan, Path csv) {
        List<String> defs = new ArrayList<>();
        List<String> struct = new ArrayList<>();
        defs.add("_row BIGINT");
        struct.add("'_row': 'BIGINT'");
        for (PlannedFeature f : plan.outputs()) {
            defs.add(Dialect.quote(f.name()) + " DOUBLE");
            struct.add(Dialect.literal(f.name()) + ": 'DOUBLE'");
        }
        try {
            DuckDbs.execute(duck, "CREATE TEMP TABLE fs_out (" + String.join(", ", defs) + ")");
            if (Files.size(csv) > 0) {
                DuckDbs.execute(duck, "INSERT INTO fs_out SELECT * FROM read_csv(" + Dialect.literal(csv.toAbsolutePath().toString())
                        + ", header = false, auto_detect = false, delim = ',', quote = '\"', columns = {" + String.join(", ", struct) + "}) ORDER BY _row");
            }
        } catch (SQLException e) {
            throw DuckDbs.failure("cannot load the computed features", e);
        } catch (IOException e) {
            throw new SentinelException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }
}
