package io.sentinelrisk.features.ingest;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.features.sql.Dialect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading source files into an in-memory DuckDB and typing them, with precise errors. */
final class Staging {
    private Staging() {
    }

    static void execute(Connection duck, String sql) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute(sql);
        }
    }

    static long count(Connection duck, String table) throws SQLException {
        try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Reads a CSV as text into {@code table}. {@code columns}: names to use when the file has no
     * header (null = the file has one).
     */
    static List<String> readCsv(Connection duck, Path file, String table, List<String> columns) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputLocation.file(file.toString()), "file not found");
        }
        String p = Dialect.literal(file.toAbsolutePath().toString());
        String opts;
        if (columns == null) {
            opts = "header = true, all_varchar = true";
        } else {
            List<String> cols = new ArrayList<>();
            for (String c : columns) {
                cols.add(Dialect.literal(c) + ": 'VARCHAR'");
            }
            opts = "header = false, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {" + String.join(", ", cols) + "}";
        }
        try {
            execute(duck, "CREATE TEMP TABLE " + table + " AS SELECT * FROM read_csv(" + p + ", " + opts + ")");
            return columns(duck, table);
        } catch (SQLException e) {
            throw new InputException(InputLocation.file(file.toString()), "cannot read as CSV: " + firstLine(e.getMessage()));
        }
    }

    static List<String> columns(Connection duck, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("DESCRIBE " + table)) {
            while (r.next()) {
                cols.add(r.getString(1));
            }
        }
        return cols;
    }

    /** Fails naming the file and the missing columns. */
    static void require(Path file, List<String> have, List<String> needed, String source) {
        List<String> missing = needed.stream().filter(n -> have.stream().noneMatch(h -> h.equalsIgnoreCase(n))).toList();
        if (!missing.isEmpty()) {
            throw new InputException(InputLocation.line(file.toString(), 1), "not a " + source + " file: missing column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " (found: " + String.join(", ", have) + ")");
        }
    }

    /** The raw column matching {@code name} case-insensitively. */
    static String col(List<String> have, String name) {
        return have.stream().filter(h -> h.equalsIgnoreCase(name)).findFirst().orElse(name);
    }

    /**
     * Creates {@code target} from {@code raw} with typed columns. A value that does not convert
     * stops with the file, line, column and value ({@code headerLines}: lines before the first row).
     */
    static void typed(Connection duck, String raw, String target, List<TypedColumn> cols, Path file, int headerLines) {
        StringBuilder strict = new StringBuilder("CREATE TEMP TABLE " + target + " AS SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            strict.append(i == 0 ? "" : ", ").append(cols.get(i).strict()).append(" AS ").append(Dialect.quote(cols.get(i).name()));
        }
        strict.append(" FROM ").append(raw);
        try {
            execute(duck, strict.toString());
            return;
        } catch (SQLException e) {
            diagnose(duck, raw, cols, file, headerLines, e);
        }
    }

    private static void diagnose(Connection duck, String raw, List<TypedColumn> cols, Path file, int headerLines, SQLException cause) {
        try {
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < cols.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("min(CASE WHEN ").append(cols.get(i).bad()).append(" THEN rowid END)");
            }
            sql.append(" FROM ").append(raw);
            long first = Long.MAX_VALUE;
            int which = -1;
            try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery(sql.toString())) {
                r.next();
                for (int i = 0; i < cols.size(); i++) {
                    long row = r.getLong(i + 1);
                    if (!r.wasNull() && row < first) {
                        first = row;
                        which = i;
                    }
                }
            }
            if (which >= 0) {
                TypedColumn c = cols.get(which);
                String value;
                try (Statement s = duck.createStatement();
                     ResultSet r = s.executeQuery("SELECT CAST(" + c.source() + " AS VARCHAR) FROM " + raw + " WHERE rowid = " + first)) {
                    r.next();
                    value = r.getString(1);
                }
                throw new InputException(InputLocation.line(file.toString(), first + 1 + headerLines), "row " + (first + 1) + ", column "
                        + c.source().replace("\"", "'") + ": cannot read '" + value + "' as " + c.description());
            }
        } catch (SQLException e) {
            throw new SentinelException("cannot check " + file + ": " + firstLine(e.getMessage()), e);
        }
        throw new SentinelException("cannot load " + file + ": " + firstLine(cause.getMessage()), cause);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().filter(l -> !l.isBlank()).findFirst().orElse("").trim();
    }

    /** A table name from a file name: lower case, letters, digits and underscores. */
    static String tableName(String fileName) {
        String n = fileName;
        for (String ext : new String[] {".gz", ".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet"}) {
            if (n.toLowerCase(Locale.ROOT).endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
            }
        }
        n = n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (n.isEmpty() || Character.isDigit(n.charAt(0))) {
            n = "t_" + n;
        }
        return n;
    }
}
