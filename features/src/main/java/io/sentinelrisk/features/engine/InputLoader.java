package io.sentinelrisk.features.engine;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.io.CsvOptions;
import io.sentinelrisk.core.io.CsvReader;
import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.FeaturePlan.PlannedFeature;
import io.sentinelrisk.features.plan.FeaturePlan.Slot;
import io.sentinelrisk.features.sql.Dialect;
import io.sentinelrisk.features.spec.TimestampFormat;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the input into DuckDB and types it for a plan. Two tables come out of it:
 * {@code fs_raw} — the input as read (CSV fields as text, so they are written back unchanged), in
 * input order, so that its {@code rowid} is the 0-based input position — and {@code fs_events} — {@code _row}, the
 * entity key {@code _key}, the event time {@code _ts}/{@code _tms} in whole milliseconds, and one
 * typed column {@code c<slot>} per input slot. Any value that does not fit its declared type stops
 * the build with the row, the column and the value.
 */
public final class InputLoader {
    private static final Set<String> NUMERIC_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "REAL");

    /**
     * The raw input: its display name, columns and their DuckDB types, rows, whether rows map to CSV
     * lines, and the CSV file the user gave (null for other inputs), for {@link #diagnose}.
     */
    public record Raw(String name, List<String> columns, List<String> types, long rows, boolean csvLines, Path csvFile) {
        String type(String column) {
            return types.get(columns.indexOf(column));
        }
    }

    private InputLoader() {
    }

    /**
     * Reads {@code input} into {@code fs_raw} on the in-memory DuckDB {@code duck}. Tables are read
     * from {@code store}: attached read-only when it is a DuckDB file, exported through COPY when it
     * is PostgreSQL.
     */
    public static Raw readRaw(Connection duck, InputRef input, DbTarget store, Path tmp) {
        try {
            return switch (input) {
                case InputRef.File f -> readFile(duck, f.path(), f.format(), f.display());
                case InputRef.Table t -> readTable(duck, t.name(), store, tmp);
            };
        } catch (SQLException e) {
            throw new InputException(InputLocation.file(input.display()), "cannot read: " + DuckDbs.firstLine(e.getMessage()));
        }
    }

    private static Raw readFile(Connection duck, Path path, InputRef.Format format, String display) throws SQLException {
        if (!Files.isRegularFile(path)) {
            throw new InputException(InputLocation.file(display), "input file not found");
        }
        String p = Dialect.literal(path.toAbsolutePath().toString());
        String select = switch (format) {
            case CSV -> "SELECT * FROM read_csv(" + p + ", header = true, all_varchar = true)";
            case PARQUET -> "SELECT * FROM read_parquet(" + p + ")";
            case JSONL -> "SELECT * FROM read_json(" + p + ", format = 'newline_delimited')";
        };
        boolean csv = format == InputRef.Format.CSV;
        try {
            DuckDbs.execute(duck, "CREATE TEMP TABLE fs_raw AS " + select);
        } catch (SQLException e) {
            InputException plain = new InputException(InputLocation.file(display), "cannot read as "
                    + format.name().toLowerCase(Locale.ROOT) + ": " + DuckDbs.firstLine(e.getMessage()).replaceFirst("^java\\.sql\\.SQLException: ", ""));
            throw csv ? diagnose(path, plain) : plain;
        }
        return describe(duck, display, csv, csv ? path : null);
    }

    /** CSV files up to this size are re-read by the main reader when DuckDB's reading goes wrong. */
    private static final long DIAGNOSE_MAX_BYTES = 256L << 20;

    /**
     * The main CSV reader's message for a file DuckDB read wrong or not at all: DuckDB reads a
     * truncated .gz as a one-column file, an empty file as a column "column0", and reports bad
     * UTF-8 as a bare SQLException. The main reader says what is wrong (file, line, column), as
     * {@code sentinel train} does; when it finds nothing, {@code fallback} stands. Only on the error
     * path, so the fast path reads the file once.
     */
    static InputException diagnose(Path csv, InputException fallback) {
        try {
            if (csv == null || Files.size(csv) > DIAGNOSE_MAX_BYTES) {
                return fallback;
            }
            CsvReader.readTable(csv, CsvOptions.DEFAULTS);
            return fallback;
        } catch (InputException e) {
            return e;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static Raw readTable(Connection duck, String table, DbTarget store, Path tmp) throws SQLException {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new InputException("table name '" + table + "' must be NAME or SCHEMA.NAME (letters, digits, _)");
        }
        String[] parts = table.split("\\.");
        String qualified = parts.length == 2 ? Dialect.quote(parts[0]) + "." + Dialect.quote(parts[1]) : Dialect.quote(parts[0]);
        switch (store) {
            case DbTarget.DuckDb d -> {
                if (d.file() == null) {
                    throw new InputException("--table needs --db naming the store that holds it (duckdb:FILE or postgresql://…)");
                }
                if (!Files.isRegularFile(d.file())) {
                    throw new InputException("DuckDB store " + d.file() + " not found");
                }
                DuckDbs.execute(duck, "ATTACH " + Dialect.literal(d.file().toAbsolutePath().toString()) + " AS fs_store (READ_ONLY)");
                String from = "fs_store." + (parts.length == 2 ? qualified : "main." + qualified);
                try {
                    DuckDbs.execute(duck, "CREATE TEMP TABLE fs_raw AS SELECT * FROM " + from);
                } catch (SQLException e) {
                    throw new InputException("cannot read table " + table + " from " + d.display() + ": " + DuckDbs.firstLine(e.getMessage()));
                }
                return describe(duck, "table " + table, false, null);
            }
            case DbTarget.Postgres pg -> {
                Path csv = tmp.resolve("table.csv");
                try (Connection c = pg.connect(); OutputStream out = Files.newOutputStream(csv)) {
                    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                    copy.copyOut("COPY (SELECT * FROM " + qualified + ") TO STDOUT WITH (FORMAT csv, HEADER true)", out);
                } catch (SQLException e) {
                    throw new InputException("cannot read table " + table + " from " + pg.display() + ": " + DuckDbs.firstLine(e.getMessage()));
                } catch (IOException e) {
                    throw new InputException("cannot copy table " + table + " to " + csv + ": " + e.getMessage());
                }
                readFile(duck, csv, InputRef.Format.CSV, "table " + table);
                return describe(duck, "table " + table, false, null);
            }
        }
    }

    private static Raw describe(Connection duck, String name, boolean csvLines, Path csvFile) throws SQLException {
        List<String> cols = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("DESCRIBE fs_raw")) {
            while (r.next()) {
                String c = r.getString(1);
                if (c.equalsIgnoreCase("rowid")) {
                    throw new InputException(InputLocation.file(name), "a column named '" + c
                            + "' is not supported (DuckDB reserves the name for row positions); rename it");
                }
                cols.add(c);
                types.add(r.getString(2).toUpperCase(Locale.ROOT));
            }
        }
        long rows = DuckDbs.queryLong(duck, "SELECT count(*) FROM fs_raw");
        return new Raw(name, cols, types, rows, csvLines, csvFile);
    }

    /** Checks the columns and values against the plan and creates {@code fs_events}. */
    public static void buildEvents(Connection duck, Raw raw, FeaturePlan plan) {
        for (Slot s : plan.slots()) {
            if (!raw.columns().contains(s.column())) {
                throw diagnose(raw.csvFile(), missingColumn(raw, plan, s));
            }
        }
        for (PlannedFeature f : plan.outputs()) {
            if (raw.columns().contains(f.name())) {
                throw new InputException(InputLocation.file(plan.spec().origin()), "feature '" + f.name()
                        + "' has the same name as a column of " + raw.name() + "; rename the feature");
            }
        }
        TimestampFormat format = plan.spec().timestampFormat();
        StringBuilder inner = new StringBuilder("SELECT rowid AS _row");
        StringBuilder outer = new StringBuilder();
        for (Slot s : plan.slots()) {
            String[] io = strict(s, raw.type(s.column()), format);
            String name = s.index() == plan.timestampSlot() ? "_t" : "c" + s.index();
            inner.append(",\n  ").append(io[0]).append(" AS ").append(name);
            if (s.index() == plan.timestampSlot()) {
                outer.insert(0, ", " + io[1].replace("$", name) + " AS _tms");
            } else {
                outer.append(", ").append(io[1].replace("$", name)).append(" AS ").append(name);
            }
        }
        inner.append("\nFROM fs_raw");
        String key;
        int[] ks = plan.entitySlots();
        if (ks.length == 0) {
            key = "''";
        } else if (ks.length == 1) {
            key = "COALESCE(c" + ks[0] + ", '')";
        } else {
            List<String> parts = new ArrayList<>();
            for (int k : ks) {
                parts.add("COALESCE(c" + k + ", '')");
            }
            key = "concat_ws(chr(31), " + String.join(", ", parts) + ")";
        }
        StringBuilder cols = new StringBuilder();
        for (Slot s : plan.slots()) {
            if (s.index() != plan.timestampSlot()) {
                cols.append(", c").append(s.index());
            }
        }
        String typed = "SELECT _row" + outer + " FROM (" + inner + ") i";
        String head = "CREATE TEMP TABLE fs_events AS SELECT _row, " + key + " AS _key, make_timestamp(_tms * 1000) AS _ts, _tms" + cols;
        try {
            DuckDbs.execute(duck, head + "\nFROM (" + typed + ") t");
        } catch (SQLException e) {
            // A value did not convert on the fast path. Find the first bad row and name it; if
            // there is none (say, a field of spaces, which counts as missing), convert the slow way.
            List<String> bads = new ArrayList<>();
            StringBuilder tolerant = new StringBuilder("SELECT rowid AS _row");
            for (Slot s : plan.slots()) {
                String[] cb = conversion(s, raw.type(s.column()), format);
                bads.add(cb[1]);
                tolerant.append(", ").append(cb[0]).append(s.index() == plan.timestampSlot() ? " AS _tms" : " AS c" + s.index());
            }
            try {
                checkValues(duck, raw, plan, bads);
                DuckDbs.execute(duck, head + "\nFROM (" + tolerant + " FROM fs_raw) t");
            } catch (SQLException again) {
                throw DuckDbs.failure("cannot prepare the events of " + raw.name(), again);
            }
        }
    }

    /**
     * {inner, outer} SQL converting one slot, failing on a bad value: the inner expression casts the
     * raw column, the outer one ({@code $} = the inner result) cleans up (non-finite numbers become
     * null; a missing or non-finite time raises an error).
     */
    private static String[] strict(Slot s, String rawType, TimestampFormat format) {
        String q = Dialect.quote(s.column());
        boolean varchar = rawType.equals("VARCHAR");
        boolean numeric = NUMERIC_TYPES.contains(rawType) || rawType.startsWith("DECIMAL");
        String text = varchar ? q : "CAST(" + q + " AS VARCHAR)";
        String bad = "error('bad value')";
        switch (s.type()) {
            case STRING -> {
                return new String[] {"NULLIF(" + text + ", '')", "$"};
            }
            case NUMERIC -> {
                String cast = numeric ? "CAST(" + q + " AS DOUBLE)"
                        : rawType.equals("BOOLEAN") ? "CAST(CAST(" + q + " AS INTEGER) AS DOUBLE)"
                        : "CAST(NULLIF(" + text + ", '') AS DOUBLE)";
                return new String[] {cast, "CASE WHEN isfinite($) THEN $ END"};
            }
            case BOOLEAN -> {
                if (rawType.equals("BOOLEAN")) {
                    return new String[] {q, "$"};
                }
                if (numeric) {
                    return new String[] {"CASE WHEN " + q + " IS NULL THEN NULL WHEN " + q + " = 1 THEN TRUE WHEN " + q
                            + " = 0 THEN FALSE ELSE " + bad + " END", "$"};
                }
                String l = "lower(trim(" + text + "))";
                // the common spellings first, so that most values skip lower() and trim()
                return new String[] {"CASE " + text + " WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE WHEN '' THEN NULL ELSE CASE WHEN NULLIF("
                        + l + ", '') IS NULL THEN NULL WHEN " + l + " IN ('true', 't', 'yes', 'y', '1') THEN TRUE WHEN " + l
                        + " IN ('false', 'f', 'no', 'n', '0') THEN FALSE ELSE " + bad + " END END", "$"};
            }
            case TIMESTAMP -> {
                return switch (format) {
                    case TimestampFormat.Iso iso -> new String[] {"CAST(" + (rawType.startsWith("TIMESTAMP") || rawType.equals("DATE") ? q : text)
                            + " AS TIMESTAMP)",
                            "CASE WHEN isfinite($) THEN epoch_ms($) ELSE " + bad + " END"};
                    case TimestampFormat.EpochSeconds es -> new String[] {
                            numeric ? "CAST(" + q + " AS DOUBLE)" : "CAST(trim(" + text + ") AS DOUBLE)",
                            "CASE WHEN isfinite($) THEN CAST(round($ * 1000) AS BIGINT) ELSE " + bad + " END"};
                    case TimestampFormat.EpochMillis em -> new String[] {
                            numeric ? "CAST(" + q + " AS DOUBLE)" : "CAST(trim(" + text + ") AS DOUBLE)",
                            "CASE WHEN isfinite($) THEN CAST(round($) AS BIGINT) ELSE " + bad + " END"};
                    case TimestampFormat.Strptime sp -> new String[] {
                            "strptime(trim(" + text + "), " + Dialect.literal(sp.pattern()) + ")",
                            "CASE WHEN $ IS NOT NULL THEN epoch_ms($) ELSE " + bad + " END"};
                };
            }
        }
        throw new IllegalStateException();
    }

    private static InputException missingColumn(Raw raw, FeaturePlan plan, Slot s) {
        InputLocation at = plan.spec().locations().get(s.logical());
        String mapped = s.column().equals(s.logical()) ? "" : " (mapped from '" + s.logical() + "')";
        String near = raw.columns().stream().filter(c -> c.equalsIgnoreCase(s.column())).findFirst()
                .map(c -> "; did you mean '" + c + "'?").orElse("");
        return new InputException(at, "column '" + s.column() + "'" + mapped + " is not in " + raw.name() + near
                + " — its columns are: " + String.join(", ", raw.columns()) + ". Map spec columns to yours with --map "
                + s.logical() + "=COLUMN or 'mapping:' in the spec");
    }

    /** {conversion SQL, "bad value" condition SQL} for one slot, never failing: used to find the bad row. */
    private static String[] conversion(Slot s, String rawType, TimestampFormat format) {
        String q = Dialect.quote(s.column());
        boolean varchar = rawType.equals("VARCHAR");
        boolean numeric = NUMERIC_TYPES.contains(rawType) || rawType.startsWith("DECIMAL");
        String text = varchar ? q : "CAST(" + q + " AS VARCHAR)";
        String nonEmpty = "NULLIF(trim(" + text + "), '') IS NOT NULL";
        switch (s.type()) {
            case STRING -> {
                return new String[] {"NULLIF(" + text + ", '')", "FALSE"};
            }
            case NUMERIC -> {
                if (numeric) {
                    return new String[] {"CASE WHEN isfinite(CAST(" + q + " AS DOUBLE)) THEN CAST(" + q + " AS DOUBLE) END", "FALSE"};
                }
                if (rawType.equals("BOOLEAN")) {
                    return new String[] {"CAST(CAST(" + q + " AS INTEGER) AS DOUBLE)", "FALSE"};
                }
                String d = "TRY_CAST(trim(" + text + ") AS DOUBLE)";
                return new String[] {"CASE WHEN isfinite(" + d + ") THEN " + d + " END", nonEmpty + " AND " + d + " IS NULL"};
            }
            case BOOLEAN -> {
                if (rawType.equals("BOOLEAN")) {
                    return new String[] {q, "FALSE"};
                }
                if (numeric) {
                    String conv = "CASE WHEN " + q + " = 1 THEN TRUE WHEN " + q + " = 0 THEN FALSE END";
                    return new String[] {conv, q + " IS NOT NULL AND " + conv + " IS NULL"};
                }
                String l = "lower(trim(" + text + "))";
                String conv = "CASE WHEN " + l + " IN ('true', 't', 'yes', 'y', '1') THEN TRUE WHEN " + l
                        + " IN ('false', 'f', 'no', 'n', '0') THEN FALSE END";
                return new String[] {conv, nonEmpty + " AND " + conv + " IS NULL"};
            }
            case TIMESTAMP -> {
                String ms = switch (format) {
                    case TimestampFormat.Iso iso -> {
                        String ts = rawType.startsWith("TIMESTAMP") || rawType.equals("DATE")
                                ? "CAST(" + q + " AS TIMESTAMP)" : "TRY_CAST(trim(" + text + ") AS TIMESTAMP)";
                        yield "CASE WHEN isfinite(" + ts + ") THEN epoch_ms(" + ts + ") END";
                    }
                    case TimestampFormat.EpochSeconds es -> {
                        String d = numeric ? "CAST(" + q + " AS DOUBLE)" : "TRY_CAST(trim(" + text + ") AS DOUBLE)";
                        yield "CASE WHEN isfinite(" + d + ") THEN TRY_CAST(round(" + d + " * 1000) AS BIGINT) END";
                    }
                    case TimestampFormat.EpochMillis em -> {
                        String d = numeric ? "CAST(" + q + " AS DOUBLE)" : "TRY_CAST(trim(" + text + ") AS DOUBLE)";
                        yield "CASE WHEN isfinite(" + d + ") THEN TRY_CAST(round(" + d + ") AS BIGINT) END";
                    }
                    case TimestampFormat.Strptime sp -> "epoch_ms(TRY_STRPTIME(trim(" + text + "), " + Dialect.literal(sp.pattern()) + "))";
                };
                return new String[] {ms, "(" + ms + ") IS NULL"};
            }
        }
        throw new IllegalStateException();
    }

    private static void checkValues(Connection duck, Raw raw, FeaturePlan plan, List<String> bads) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        boolean any = false;
        for (int i = 0; i < bads.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append("min(CASE WHEN ").append(bads.get(i)).append(" THEN rowid END)");
            any |= !bads.get(i).equals("FALSE");
        }
        if (!any || raw.rows() == 0) {
            return;
        }
        sql.append(" FROM fs_raw");
        long firstRow = Long.MAX_VALUE;
        int slot = -1;
        try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery(sql.toString())) {
            r.next();
            for (int i = 0; i < bads.size(); i++) {
                long row = r.getLong(i + 1);
                if (!r.wasNull() && row < firstRow) {
                    firstRow = row;
                    slot = i;
                }
            }
        }
        if (slot < 0) {
            return;
        }
        Slot s = plan.slots().get(slot);
        String value;
        try (Statement st = duck.createStatement();
             ResultSet r = st.executeQuery("SELECT CAST(" + Dialect.quote(s.column()) + " AS VARCHAR) FROM fs_raw WHERE rowid = " + firstRow)) {
            r.next();
            value = r.getString(1);
        }
        InputLocation at = raw.csvLines() ? InputLocation.line(raw.name(), firstRow + 2) : InputLocation.file(raw.name());
        String where = "row " + (firstRow + 1) + ", column '" + s.column() + "'";
        String expected = switch (s.type()) {
            case NUMERIC -> "a number";
            case BOOLEAN -> "true/false (true, false, t, f, yes, no, y, n, 1 or 0)";
            case TIMESTAMP -> timestampExpectation(plan.spec().timestampFormat());
            case STRING -> "text";
        };
        if (value == null || value.isBlank()) {
            throw new InputException(at, where + ": the event time is empty; every event needs one");
        }
        throw new InputException(at, where + ": cannot read '" + value + "' as " + expected);
    }

    private static String timestampExpectation(TimestampFormat f) {
        return switch (f) {
            case TimestampFormat.Iso iso -> "a timestamp (timestamp_format iso: like 2024-01-31 13:45:00, 2024-01-31T13:45:00Z "
                    + "or 2024-01-31T13:45:00.250+02:00)";
            case TimestampFormat.EpochSeconds s -> "a timestamp (timestamp_format epoch_s: seconds since 1970-01-01)";
            case TimestampFormat.EpochMillis m -> "a timestamp (timestamp_format epoch_ms: milliseconds since 1970-01-01)";
            case TimestampFormat.Strptime p -> "a timestamp (timestamp_format '" + p.pattern() + "')";
        };
    }
}
