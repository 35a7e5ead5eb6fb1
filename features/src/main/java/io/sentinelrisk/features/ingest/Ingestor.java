package io.sentinelrisk.features.ingest;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.engine.DuckDbs;
import io.sentinelrisk.features.sql.Dialect;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a seed data source into the feature store's tables ({@code sentinel ingest}): the adapter
 * reads and types the files in an in-memory DuckDB, then every table is published to the store —
 * a DuckDB file or PostgreSQL — with its indexes, in one transaction: either all tables of the
 * source appear, or none does.
 */
public final class Ingestor {

    /** The supported sources, as named on the command line. */
    public enum Source {
        CERT("cert"), CREDITCARD("creditcard"), IEEE_CIS("ieee-cis"), NAB("nab"), CSV("csv"), JSONL("jsonl");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Source parse(String text) {
            for (Source s : values()) {
                if (s.id.equalsIgnoreCase(text.trim()) || s.name().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
            throw new InputException("unknown source '" + text + "'; expected one of cert, creditcard, ieee-cis, nab, csv, jsonl");
        }
    }

    /**
     * Options; empty ones take the defaults.
     *
     * @param table     table name (csv/jsonl/creditcard/ieee-cis) or name prefix (cert: {@code cert_}, nab: {@code nab_})
     * @param replace   replace existing tables instead of refusing
     * @param schema    PostgreSQL schema (default public)
     * @param origin    time origin for creditcard's Time and IEEE-CIS's TransactionDT (ISO instant)
     * @param labels    NAB label windows JSON (default: labels/combined_windows.json under the path)
     * @param timestamp csv/jsonl: column to type as the event time and index
     * @param timestampFormat csv/jsonl: iso (default) or a strptime pattern
     * @param entity    csv/jsonl: column to index (with the timestamp)
     */
    public record Options(Optional<String> table, boolean replace, Optional<String> schema, Optional<String> origin,
                          Optional<Path> labels, Optional<String> timestamp, Optional<String> timestampFormat,
                          Optional<String> entity) {
        public static Options defaults() {
            return new Options(Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    /** One published table. */
    public record Table(String name, long rows, List<String> columns, List<List<String>> indexes) {
    }

    private Ingestor() {
    }

    public static List<Table> ingest(Source source, Path path, DbTarget db, Options o) {
        if (!Files.exists(path)) {
            throw new InputException(path + ": not found");
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("sentinel-ingest-");
        } catch (IOException e) {
            throw new SentinelException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        try (Connection duck = DuckDbs.open(null)) {
            List<Staged> staged = switch (source) {
                case CREDITCARD -> Sources.creditcard(duck, path, name(o.table().orElse("creditcard")),
                        origin(o.origin(), Sources.CREDITCARD_ORIGIN));
                case CERT -> Sources.cert(duck, path, prefix(o.table().orElse("cert_")));
                case IEEE_CIS -> Sources.ieeeCis(duck, path, name(o.table().orElse("ieee_transactions")),
                        origin(o.origin(), Sources.IEEE_ORIGIN));
                case NAB -> Sources.nab(duck, path, o.labels().orElse(null), prefix(o.table().orElse("nab_")));
                case CSV, JSONL -> {
                    boolean json = source == Source.JSONL || path.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jsonl|ndjson|json)(\\.gz)?");
                    yield Sources.generic(duck, path, name(o.table().orElse(Staging.tableName(path.getFileName().toString()))), json,
                            o.timestamp().orElse(null), o.timestampFormat().orElse(null), o.entity().orElse(null));
                }
            };
            return switch (db) {
                case DbTarget.DuckDb d -> publishDuckDb(duck, staged, d, o.replace());
                case DbTarget.Postgres pg -> publishPostgres(duck, staged, pg, o.schema().orElse("public"), o.replace(), tmp);
            };
        } catch (SQLException e) {
            throw new SentinelException("ingest failed: " + Staging.firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new SentinelException("ingest failed: " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
    }

    private static List<Table> publishDuckDb(Connection duck, List<Staged> staged, DbTarget.DuckDb d, boolean replace) throws SQLException {
        if (d.file() == null) {
            throw new InputException("--db: ingest needs a store that outlives the command: duckdb:FILE.duckdb or postgresql://…");
        }
        try {
            Files.createDirectories(d.file().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new SentinelException("cannot create " + d.file().getParent() + ": " + e.getMessage(), e);
        }
        Staging.execute(duck, "ATTACH " + Dialect.literal(d.file().toAbsolutePath().toString()) + " AS fs_store");
        List<Table> out = new ArrayList<>();
        Staging.execute(duck, "BEGIN TRANSACTION");
        try {
            for (Staged s : staged) {
                boolean exists;
                try (PreparedStatement ps = duck.prepareStatement(
                        "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'fs_store' AND schema_name = 'main' AND table_name = ?")) {
                    ps.setString(1, s.name());
                    try (ResultSet r = ps.executeQuery()) {
                        r.next();
                        exists = r.getLong(1) > 0;
                    }
                }
                if (exists && !replace) {
                    throw new InputException("table " + s.name() + " already exists in " + d.display() + "; add --replace to replace it");
                }
                String t = "fs_store.main." + Dialect.quote(s.name());
                if (exists) {
                    Staging.execute(duck, "DROP TABLE " + t);
                }
                Staging.execute(duck, "CREATE TABLE " + t + " AS SELECT * FROM " + s.staging());
                for (List<String> ix : s.indexes()) {
                    Staging.execute(duck, "CREATE INDEX " + Dialect.quote(indexName(s.name(), ix)) + " ON " + t + " ("
                            + String.join(", ", ix.stream().map(Dialect::quote).toList()) + ")");
                }
                out.add(new Table(s.name(), Staging.count(duck, s.staging()), Staging.columns(duck, s.staging()), s.indexes()));
            }
            Staging.execute(duck, "COMMIT");
        } catch (RuntimeException | SQLException e) {
            Staging.execute(duck, "ROLLBACK");
            throw e;
        } finally {
            Staging.execute(duck, "DETACH fs_store");
        }
        return out;
    }

    private static List<Table> publishPostgres(Connection duck, List<Staged> staged, DbTarget.Postgres pg, String schema,
                                               boolean replace, Path tmp) throws SQLException, IOException {
        if (!schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InputException("--schema '" + schema + "' must be letters, digits and _");
        }
        List<Table> out = new ArrayList<>();
        try (Connection c = pg.connect()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + Dialect.quote(schema));
                }
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Staged st : staged) {
                    boolean exists;
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
                        ps.setString(1, schema);
                        ps.setString(2, st.name());
                        try (ResultSet r = ps.executeQuery()) {
                            r.next();
                            exists = r.getLong(1) > 0;
                        }
                    }
                    if (exists && !replace) {
                        throw new InputException("table " + schema + "." + st.name() + " already exists in " + pg.display()
                                + "; add --replace to replace it");
                    }
                    String t = Dialect.quote(schema) + "." + Dialect.quote(st.name());
                    List<String> cols = new ArrayList<>();
                    List<String> defs = new ArrayList<>();
                    List<String> exports = new ArrayList<>();
                    try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("DESCRIBE " + st.staging())) {
                        while (r.next()) {
                            String name = r.getString(1);
                            String type = r.getString(2).toUpperCase(Locale.ROOT);
                            String pgType = pgType(type);
                            cols.add(name);
                            defs.add(Dialect.quote(name) + " " + pgType);
                            exports.add(pgType.equals("TEXT") && !type.equals("VARCHAR") ? "CAST(" + Dialect.quote(name) + " AS VARCHAR)"
                                    : Dialect.quote(name));
                        }
                    }
                    Path csv = tmp.resolve(st.name() + ".csv");
                    Staging.execute(duck, "COPY (SELECT " + String.join(", ", exports) + " FROM " + st.staging() + ") TO "
                            + Dialect.literal(csv.toAbsolutePath().toString()) + " (FORMAT csv, HEADER false)");
                    try (Statement s = c.createStatement()) {
                        if (exists) {
                            s.execute("DROP TABLE " + t);
                        }
                        s.execute("CREATE TABLE " + t + " (" + String.join(", ", defs) + ")");
                    }
                    try (InputStream in = Files.newInputStream(csv)) {
                        copy.copyIn("COPY " + t + " FROM STDIN WITH (FORMAT csv)", in);
                    }
                    Files.delete(csv);
                    try (Statement s = c.createStatement()) {
                        for (List<String> ix : st.indexes()) {
                            s.execute("CREATE INDEX " + Dialect.quote(indexName(st.name(), ix)) + " ON " + t + " ("
                                    + String.join(", ", ix.stream().map(Dialect::quote).toList()) + ")");
                        }
                        s.execute("ANALYZE " + t);
                    }
                    out.add(new Table(st.name(), Staging.count(duck, st.staging()), cols, st.indexes()));
                }
                c.commit();
            } catch (RuntimeException | SQLException | IOException e) {
                c.rollback();
                throw e;
            }
        }
        return out;
    }

    private static String pgType(String duckType) {
        if (duckType.startsWith("DECIMAL")) {
            return "NUMERIC" + duckType.substring("DECIMAL".length());
        }
        return switch (duckType) {
            case "BIGINT", "HUGEINT", "UBIGINT", "UINTEGER" -> "BIGINT";
            case "INTEGER", "SMALLINT", "TINYINT", "USMALLINT", "UTINYINT" -> "INTEGER";
            case "DOUBLE", "FLOAT", "REAL" -> "DOUBLE PRECISION";
            case "BOOLEAN" -> "BOOLEAN";
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> "TIMESTAMP";
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMPTZ";
            case "DATE" -> "DATE";
            default -> "TEXT";
        };
    }

    private static String indexName(String table, List<String> cols) {
        return (table + "_" + String.join("_", cols) + "_idx").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private static String name(String table) {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InputException("--table '" + table + "' must be letters, digits and _, not starting with a digit");
        }
        return table;
    }

    private static String prefix(String prefix) {
        if (!prefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InputException("--table '" + prefix + "' (the table name prefix) must be letters, digits and _");
        }
        return prefix;
    }

    private static Instant origin(Optional<String> given, String dflt) {
        String text = given.orElse(dflt);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InputException("--origin '" + text + "' is not an ISO instant like " + dflt);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
