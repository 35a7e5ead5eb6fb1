package io.sentinelrisk.features.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.features.sql.Dialect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The adapters for the seed data sources' real schemas. Each reads its files into staging tables
 * of an in-memory DuckDB, typed, with an event time column {@code ts}; {@link Ingestor} then
 * publishes them to the store. Table layouts are documented in docs/features.md.
 */
final class Sources {
    private Sources() {
    }

    // ---- credit-card fraud (Time, V1..V28, Amount, Class) ----

    /** Default origin of the credit-card data's Time column (seconds since the first transaction, September 2013). */
    static final String CREDITCARD_ORIGIN = "2013-09-01T00:00:00Z";

    static List<Staged> creditcard(Connection duck, Path file, String table, Instant origin) throws SQLException {
        List<String> have = Staging.readCsv(duck, file, "raw_cc", null);
        List<String> needed = new ArrayList<>(List.of("Time", "Amount"));
        for (int i = 1; i <= 28; i++) {
            needed.add("V" + i);
        }
        Staging.require(file, have, needed, "credit-card (Time, V1..V28, Amount, Class)");
        List<TypedColumn> cols = new ArrayList<>();
        cols.add(TypedColumn.expression("id", "rowid"));
        cols.add(TypedColumn.dbl("time", Staging.col(have, "Time")));
        cols.add(new TypedColumn("ts", "make_timestamp(" + origin.toEpochMilli() * 1000 + " + CAST(round(CAST(NULLIF(trim("
                + Dialect.quote(Staging.col(have, "Time")) + "), '') AS DOUBLE) * 1000000) AS BIGINT))", TypedColumn.Kind.EXPRESSION, null));
        for (int i = 1; i <= 28; i++) {
            cols.add(TypedColumn.dbl("v" + i, Staging.col(have, "V" + i)));
        }
        cols.add(TypedColumn.dbl("amount", Staging.col(have, "Amount")));
        if (have.stream().anyMatch(h -> h.equalsIgnoreCase("Class"))) {
            cols.add(TypedColumn.integer("class", Staging.col(have, "Class")));
        }
        Staging.typed(duck, "raw_cc", "st_cc", cols, file, 1);
        return List.of(new Staged(table, "st_cc", List.of(List.of("ts"), List.of("id"))));
    }

    // ---- CERT insider-threat logs ----

    /** CERT r4.2 layouts (used when a file has no header); r5/r6 files have headers with extra columns. */
    private static final Map<String, List<String>> CERT_COLUMNS = Map.of(
            "logon", List.of("id", "date", "user", "pc", "activity"),
            "device", List.of("id", "date", "user", "pc", "activity"),
            "file", List.of("id", "date", "user", "pc", "filename", "content"),
            "http", List.of("id", "date", "user", "pc", "url", "content"),
            "email", List.of("id", "date", "user", "pc", "to", "cc", "bcc", "from", "size", "attachments", "content"));
    private static final List<String> CERT_KINDS = List.of("logon", "device", "file", "http", "email");
    static final String CERT_DATE = "%m/%d/%Y %H:%M:%S";

    static List<Staged> cert(Connection duck, Path path, String prefix) throws SQLException, IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            for (String kind : CERT_KINDS) {
                for (String name : new String[] {kind + ".csv", kind + ".csv.gz"}) {
                    if (Files.isRegularFile(path.resolve(name))) {
                        files.add(path.resolve(name));
                    }
                }
            }
            if (files.isEmpty()) {
                throw new InputException(InputLocation.file(path.toString()), "no CERT log here: expected logon.csv, device.csv, "
                        + "file.csv, http.csv or email.csv");
            }
        } else if (Files.isRegularFile(path)) {
            files.add(path);
        } else {
            throw new InputException(InputLocation.file(path.toString()), "not found");
        }
        List<Staged> out = new ArrayList<>();
        List<String> unions = new ArrayList<>();
        for (Path f : files) {
            String kind = f.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.csv(\\.gz)?$", "");
            if (!CERT_COLUMNS.containsKey(kind)) {
                throw new InputException(InputLocation.file(f.toString()), "not a CERT log: the name must be one of "
                        + String.join(", ", CERT_KINDS) + " (.csv)");
            }
            boolean header = firstLine(f).toLowerCase(Locale.ROOT).startsWith("id,");
            String raw = "raw_" + kind;
            List<String> have = Staging.readCsv(duck, f, raw, header ? null : CERT_COLUMNS.get(kind));
            Staging.require(f, have, List.of("id", "date", "user", "pc"), "CERT " + kind);
            List<TypedColumn> cols = new ArrayList<>();
            for (String c : have) {
                String lc = c.toLowerCase(Locale.ROOT);
                cols.add(switch (lc) {
                    case "date" -> TypedColumn.timestamp("ts", c, CERT_DATE);
                    case "size" -> TypedColumn.integer("size", c);
                    case "to_removable_media", "from_removable_media" -> TypedColumn.bool(lc, c);
                    default -> TypedColumn.text(lc, c);
                });
            }
            String staging = "st_" + kind;
            Staging.typed(duck, raw, staging, cols, f, header ? 1 : 0);
            String name = prefix + kind;
            out.add(new Staged(name, staging, List.of(List.of("user", "ts"), List.of("id"))));
            List<String> lower = have.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            String activity = lower.contains("activity") ? "activity" : switch (kind) {
                case "http" -> "'visit'";
                case "email" -> "'send'";
                case "file" -> "'copy'";
                default -> "NULL";
            };
            String detail = switch (kind) {
                case "http" -> "url";
                case "file" -> "filename";
                case "email" -> "\"to\"";
                case "device" -> lower.contains("file_tree") ? "file_tree" : "NULL";
                default -> "NULL";
            };
            unions.add("SELECT id, ts, \"user\", pc, '" + kind + "' AS source, CAST(" + activity + " AS VARCHAR) AS activity, CAST("
                    + detail + " AS VARCHAR) AS detail FROM " + staging);
        }
        Staging.execute(duck, "CREATE TEMP TABLE st_events AS " + String.join(" UNION ALL ", unions) + " ORDER BY ts, source, id");
        out.add(new Staged(prefix + "events", "st_events", List.of(List.of("user", "ts"))));
        return out;
    }

    // ---- IEEE-CIS fraud detection ----

    /** Commonly assumed reference time of TransactionDT (seconds); the competition did not publish it. */
    static final String IEEE_ORIGIN = "2017-12-01T00:00:00Z";

    static List<Staged> ieeeCis(Connection duck, Path path, String table, Instant origin) throws SQLException {
        List<Path[]> parts = new ArrayList<>();
        if (Files.isDirectory(path)) {
            for (String split : new String[] {"train", "test"}) {
                Path tx = path.resolve(split + "_transaction.csv");
                if (Files.isRegularFile(tx)) {
                    Path id = path.resolve(split + "_identity.csv");
                    parts.add(new Path[] {tx, Files.isRegularFile(id) ? id : null});
                }
            }
            if (parts.isEmpty()) {
                throw new InputException(InputLocation.file(path.toString()), "no IEEE-CIS data here: expected train_transaction.csv "
                        + "(and train_identity.csv, test_transaction.csv, test_identity.csv)");
            }
        } else {
            Path id = path.resolveSibling(path.getFileName().toString().replace("transaction", "identity"));
            parts.add(new Path[] {path, !id.equals(path) && Files.isRegularFile(id) ? id : null});
        }
        List<String> selects = new ArrayList<>();
        int n = 0;
        for (Path[] p : parts) {
            String split = p[0].getFileName().toString().startsWith("test") ? "test" : "train";
            String tx = "raw_tx" + n;
            readTyped(duck, p[0], tx);
            List<String> have = Staging.columns(duck, tx);
            Staging.require(p[0], have, List.of("TransactionID", "TransactionDT", "TransactionAmt"), "IEEE-CIS transaction");
            String from = tx + " t";
            if (p[1] != null) {
                String id = "raw_id" + n;
                readTyped(duck, p[1], id);
                // the test identity file spells id_01 as id-01
                for (String c : Staging.columns(duck, id)) {
                    if (c.contains("-")) {
                        Staging.execute(duck, "ALTER TABLE " + id + " RENAME COLUMN " + Dialect.quote(c) + " TO " + Dialect.quote(c.replace('-', '_')));
                    }
                }
                Staging.require(p[1], Staging.columns(duck, id), List.of("TransactionID"), "IEEE-CIS identity");
                from += " LEFT JOIN " + id + " i USING (TransactionID)";
            }
            selects.add("SELECT *, make_timestamp(" + origin.toEpochMilli() * 1000 + " + CAST(TransactionDT AS BIGINT) * 1000000) AS ts, '"
                    + split + "' AS split FROM " + from);
            n++;
        }
        Staging.execute(duck, "CREATE TEMP TABLE st_ieee AS " + String.join(" UNION ALL BY NAME ", selects) + " ORDER BY TransactionDT, TransactionID");
        return List.of(new Staged(table, "st_ieee", List.of(List.of("TransactionID"), List.of("card1", "ts"))));
    }

    private static void readTyped(Connection duck, Path file, String table) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputLocation.file(file.toString()), "file not found");
        }
        String p = Dialect.literal(file.toAbsolutePath().toString());
        try {
            Staging.execute(duck, "CREATE TEMP TABLE " + table + " AS SELECT * FROM read_csv(" + p + ", header = true)");
        } catch (SQLException first) {
            try {
                // a value far into the file did not fit the type guessed from the first rows: look at all rows
                Staging.execute(duck, "CREATE TEMP TABLE " + table + " AS SELECT * FROM read_csv(" + p + ", header = true, sample_size = -1)");
            } catch (SQLException e) {
                throw new InputException(InputLocation.file(file.toString()), "cannot read as CSV: " + Staging.firstLine(e.getMessage()));
            }
        }
    }

    // ---- NAB ----

    static List<Staged> nab(Connection duck, Path path, Path labels, String prefix) throws SQLException, IOException {
        Path data = path;
        if (Files.isDirectory(path.resolve("data"))) {
            data = path.resolve("data");
            if (labels == null && Files.isRegularFile(path.resolve("labels/combined_windows.json"))) {
                labels = path.resolve("labels/combined_windows.json");
            }
        }
        List<Path> csvs = new ArrayList<>();
        Path base;
        if (Files.isRegularFile(data)) {
            csvs.add(data);
            base = data.getParent() == null ? Path.of(".") : data.getParent();
        } else if (Files.isDirectory(data)) {
            base = data;
            try (Stream<Path> s = Files.walk(data)) {
                s.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().forEach(csvs::add);
            }
        } else {
            throw new InputException(InputLocation.file(path.toString()), "not found");
        }
        if (csvs.isEmpty()) {
            throw new InputException(InputLocation.file(path.toString()), "no NAB series here: expected CSV files of timestamp,value");
        }
        Staging.execute(duck, "CREATE TEMP TABLE st_values (series VARCHAR, ts TIMESTAMP, value DOUBLE)");
        int n = 0;
        for (Path f : csvs) {
            String raw = "raw_nab" + n++;
            List<String> have = Staging.readCsv(duck, f, raw, null);
            Staging.require(f, have, List.of("timestamp", "value"), "NAB (timestamp,value)");
            String series = base.relativize(f).toString().replace('\\', '/');
            String typedName = "typed_" + raw;
            Staging.typed(duck, raw, typedName, List.of(TypedColumn.expression("series", Dialect.literal(series)),
                    TypedColumn.timestamp("ts", Staging.col(have, "timestamp")), TypedColumn.dbl("value", Staging.col(have, "value"))), f, 1);
            Staging.execute(duck, "INSERT INTO st_values SELECT * FROM " + typedName);
            Staging.execute(duck, "DROP TABLE " + raw);
            Staging.execute(duck, "DROP TABLE " + typedName);
        }
        Staging.execute(duck, "CREATE TEMP TABLE st_windows (series VARCHAR, window_start TIMESTAMP, window_end TIMESTAMP)");
        boolean labelled = labels != null;
        if (labelled) {
            loadWindows(duck, labels);
        }
        Staging.execute(duck, "CREATE TEMP TABLE st_nab AS SELECT v.series, v.ts, v.value, "
                + (labelled ? "CASE WHEN EXISTS (SELECT 1 FROM st_windows w WHERE w.series = v.series AND v.ts BETWEEN w.window_start AND w.window_end) THEN 1 ELSE 0 END"
                : "CAST(NULL AS INTEGER)") + " AS label FROM st_values v ORDER BY v.series, v.ts");
        List<Staged> out = new ArrayList<>();
        out.add(new Staged(prefix + "values", "st_nab", List.of(List.of("series", "ts"))));
        if (labelled) {
            out.add(new Staged(prefix + "windows", "st_windows", List.of(List.of("series"))));
        }
        return out;
    }

    private static void loadWindows(Connection duck, Path labels) throws SQLException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(labels.toFile());
        } catch (IOException e) {
            throw new InputException(InputLocation.file(labels.toString()), "not valid JSON: " + Staging.firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InputException(InputLocation.file(labels.toString()), "expected NAB label windows: an object of "
                    + "\"category/file.csv\": [[start, end], …]");
        }
        try (PreparedStatement ps = duck.prepareStatement("INSERT INTO st_windows VALUES (?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isArray()) {
                    throw new InputException(InputLocation.file(labels.toString()), "windows of '" + e.getKey() + "' must be a list of [start, end]");
                }
                for (JsonNode w : e.getValue()) {
                    if (!w.isArray() || w.size() != 2 || !w.get(0).isTextual() || !w.get(1).isTextual()) {
                        throw new InputException(InputLocation.file(labels.toString()), "a window of '" + e.getKey()
                                + "' is not [\"start\", \"end\"]: " + w);
                    }
                    ps.setString(1, e.getKey());
                    ps.setString(2, w.get(0).asText());
                    ps.setString(3, w.get(1).asText());
                    try {
                        ps.execute();
                    } catch (SQLException ex) {
                        throw new InputException(InputLocation.file(labels.toString()), "window of '" + e.getKey() + "' has a time that does not parse: " + w);
                    }
                }
            }
        }
    }

    // ---- generic CSV / JSON lines ----

    static List<Staged> generic(Connection duck, Path file, String table, boolean json, String timestamp, String format,
                                String entity) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputLocation.file(file.toString()), "file not found");
        }
        String p = Dialect.literal(file.toAbsolutePath().toString());
        try {
            Staging.execute(duck, "CREATE TEMP TABLE raw_g AS SELECT * FROM " + (json ? "read_json(" + p + ", format = 'newline_delimited')"
                    : "read_csv(" + p + ", header = true)"));
        } catch (SQLException e) {
            throw new InputException(InputLocation.file(file.toString()), "cannot read as " + (json ? "JSON lines" : "CSV") + ": "
                    + Staging.firstLine(e.getMessage()));
        }
        List<String> have = Staging.columns(duck, "raw_g");
        List<List<String>> indexes = new ArrayList<>();
        if (timestamp == null) {
            Staging.execute(duck, "CREATE TEMP TABLE st_g AS SELECT * FROM raw_g");
            if (entity != null) {
                Staging.require(file, have, List.of(entity), "--entity");
                indexes.add(List.of(Staging.col(have, entity)));
            }
        } else {
            Staging.require(file, have, List.of(timestamp), "--timestamp");
            String tcol = Staging.col(have, timestamp);
            List<TypedColumn> cols = new ArrayList<>();
            for (String c : have) {
                if (c.equals(tcol)) {
                    cols.add(format == null || format.equals("iso") ? TypedColumn.timestamp(c, c) : TypedColumn.timestamp(c, c, format));
                } else {
                    cols.add(TypedColumn.expression(c, Dialect.quote(c)));
                }
            }
            Staging.typed(duck, "raw_g", "st_g", cols, file, json ? 0 : 1);
            if (entity != null) {
                Staging.require(file, have, List.of(entity), "--entity");
                indexes.add(List.of(Staging.col(have, entity), tcol));
            } else {
                indexes.add(List.of(tcol));
            }
        }
        return List.of(new Staged(table, "st_g", indexes));
    }

    private static String firstLine(Path f) throws IOException {
        InputStream in = Files.newInputStream(f);
        if (f.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine();
            return line == null ? "" : line;
        }
    }
}
