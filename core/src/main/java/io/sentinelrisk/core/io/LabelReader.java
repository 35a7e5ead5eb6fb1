package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads ground-truth labels (1 = anomaly, 0 = normal) from a column of the data or from a
 * separate file. Accepted values, ignoring case and surrounding spaces: {@link #ANOMALY_WORDS}
 * and 1 (also 1.0) for an anomaly, {@link #NORMAL_WORDS} and 0 (also 0.0) for normal. Anything
 * else, and a missing label, is an error naming the place and the accepted values.
 */
public final class LabelReader {
    private LabelReader() {
    }

    /** Words read as 1 (anomaly), besides the number 1. */
    public static final List<String> ANOMALY_WORDS = List.of("true", "yes", "anomaly", "anomalous", "abnormal", "outlier");
    /** Words read as 0 (normal), besides the number 0. */
    public static final List<String> NORMAL_WORDS = List.of("false", "no", "normal", "inlier");

    static final String ACCEPTED = "accepted: 1, " + String.join(", ", ANOMALY_WORDS) + " (anomaly); 0, "
        + String.join(", ", NORMAL_WORDS) + " (normal)";

    /** 1 for an anomaly, 0 for normal, -1 when the text is not a label. */
    public static int parse(String text) {
        String t = text.strip();
        byte[] bytes = t.getBytes(StandardCharsets.UTF_8);
        double v = DecimalParser.parse(bytes, 0, bytes.length);
        if (v == 0 || v == 1) {
            return (int) v;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (ANOMALY_WORDS.contains(lower)) {
            return 1;
        }
        return NORMAL_WORDS.contains(lower) ? 0 : -1;
    }

    /**
     * Options that read {@code column} as text, so that a bad label is reported here, with the
     * accepted values, rather than as a stray value in a numeric column.
     */
    public static CsvOptions labelColumnAsText(CsvOptions options, String column) {
        return options.withType(column, ColumnType.CATEGORICAL);
    }

    /**
     * The labels in column {@code column} of a table read by {@link CsvReader#readTable}; errors
     * name the file, line and column. The caller removes the column from the features
     * ({@code frame.without(column)}).
     */
    public static Labels fromColumn(CsvTable table, String column) {
        return fromColumn(table.frame(), column, table.file(), table::location);
    }

    /**
     * The labels in column {@code column} of a frame whose lines are not known (not read by
     * {@link CsvReader#readTable}); errors name {@code source} and the data row (1-based).
     */
    public static Labels fromColumn(Frame frame, String column, String source) {
        return fromColumn(frame, column, source, (row, col) -> InputLocation.file(source + " (data row " + (row + 1) + ")"));
    }

    private interface Locator {
        InputLocation at(int row, int column);
    }

    private static Labels fromColumn(Frame frame, String column, String file, Locator where) {
        int index = frame.schema().indexOf(column);
        if (index < 0) {
            StringBuilder names = new StringBuilder();
            for (String n : frame.schema().names()) {
                names.append(names.isEmpty() ? "" : ", ").append(Messages.name(n));
            }
            throw new InputException(InputLocation.file(file), "label column " + Messages.name(column)
                + " is not in the header; the columns are " + names);
        }
        Column c = frame.column(index);
        int rows = frame.rows();
        int[] out = new int[rows];
        switch (c) {
            case Column.Numeric n -> {
                for (int r = 0; r < rows; r++) {
                    double v = n.values()[r];
                    out[r] = v == 0 || v == 1 ? (int) v : checked(-1, n.text(r), where.at(r, index), column);
                }
            }
            case Column.Categorical k -> {
                List<String> dictionary = k.dictionary();
                int[] byCode = new int[dictionary.size()];
                for (int i = 0; i < byCode.length; i++) {
                    byCode[i] = parse(dictionary.get(i));
                }
                for (int r = 0; r < rows; r++) {
                    int code = k.codes()[r];
                    int v = code < 0 ? -1 : byCode[code];
                    // the text and place only for a bad label: a valid row allocates nothing
                    out[r] = v >= 0 ? v : checked(v, k.text(r), where.at(r, index), column);
                }
            }
            case Column.Timestamp ts -> throw new InputException(where.at(0, index),
                "label column " + Messages.name(column) + " holds timestamps, not labels; " + ACCEPTED);
        }
        return new Labels(out, file + " column " + Messages.name(column));
    }

    /**
     * The labels in a file of one value per line, in the data's row order. A first line that is
     * not a label value (and not a number) is taken as a header. The count must equal
     * {@code dataRows}, the number of rows in {@code dataFile}.
     */
    public static Labels fromFile(Path file, int dataRows, String dataFile) {
        return fromInput(InputBytes.read(file, WHAT), dataRows, dataFile);
    }

    /** {@link #fromFile} on content held in memory; {@code name} stands for the file in messages. */
    public static Labels fromBytes(String name, byte[] content, int dataRows, String dataFile) {
        return fromInput(InputBytes.fromBytes(name, content, WHAT), dataRows, dataFile);
    }

    private static final String WHAT = "a label file with one label per line";

    private static Labels fromInput(InputBytes in, int dataRows, String dataFile) {
        String name = in.file();
        byte[] b = in.bytes();
        int limit = in.limit();
        while (limit > in.start() && isSpace(b[limit - 1])) {
            limit--; // trailing blank lines are not labels
        }
        int bad = Utf8.firstInvalid(b, in.start(), limit);
        if (bad >= 0) {
            int[] lc = lineAndColumn(b, in.start(), bad);
            throw new InputException(new InputLocation(name, lc[0], lc[1]),
                String.format("invalid UTF-8 (byte 0x%02X); the file must be UTF-8: re-save it as UTF-8", b[bad] & 0xFF));
        }
        int[] out = new int[Math.max(16, dataRows)];
        int n = 0;
        int line = 0;
        int pos = in.start();
        while (pos < limit) {
            line++;
            int end = pos;
            while (end < limit && b[end] != '\n' && b[end] != '\r') {
                end++;
            }
            int v = labelAt(b, pos, end);
            if (v < 0) {
                String text = valueText(b, pos, end);
                boolean header = line == 1 && !text.isEmpty() && !isMissingWord(text)
                    && Double.isNaN(DecimalParser.parse(b, trimFrom(b, pos, end), trimTo(b, pos, end)));
                if (!header) {
                    checked(-1, text, InputLocation.line(name, line), null);
                }
            } else {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n + (n >> 1) + 16);
                }
                out[n++] = v;
            }
            pos = end;
            if (pos < limit) {
                pos += b[pos] == '\r' && pos + 1 < limit && b[pos + 1] == '\n' ? 2 : 1;
            }
        }
        if (n == 0) {
            throw new InputException(InputLocation.file(name), "holds no labels; expected one label per data row ("
                + dataRows + " rows in " + dataFile + ")");
        }
        if (n != dataRows) {
            throw new InputException(InputLocation.file(name), "has " + n + (n == 1 ? " label" : " labels") + " but "
                + dataFile + " has " + dataRows + (dataRows == 1 ? " row" : " rows")
                + "; give one label per data row, in the same order");
        }
        return new Labels(n == out.length ? out : Arrays.copyOf(out, n), name);
    }

    /** The label on one line of a label file (fast path for a bare 0 or 1), or -1. */
    private static int labelAt(byte[] b, int from, int to) {
        if (to - from == 1 && (b[from] == '0' || b[from] == '1')) {
            return b[from] - '0';
        }
        return parse(valueText(b, from, to));
    }

    /** The line's value: spaces and one pair of surrounding quotes dropped. */
    private static String valueText(byte[] b, int from, int to) {
        int s = trimFrom(b, from, to);
        int e = trimTo(b, s, to);
        if (e - s >= 2 && b[s] == '"' && b[e - 1] == '"') {
            s++;
            e--;
        }
        return new String(b, s, e - s, StandardCharsets.UTF_8).strip();
    }

    private static int checked(int value, String text, InputLocation where, String column) {
        if (value >= 0) {
            return value;
        }
        String in = column == null ? "" : " in column " + Messages.name(column);
        if (text.isEmpty() || isMissingWord(text)) {
            throw new InputException(where, "label is missing" + in + "; every row needs a label (" + ACCEPTED + ")");
        }
        String hint = column == null && text.matches(".*[,;\t|].*") ? "; a label file holds one value per line" : "";
        throw new InputException(where, "label " + Messages.quote(text) + in + " is not a label value (" + ACCEPTED + ")" + hint);
    }

    private static boolean isMissingWord(String text) {
        for (String w : ValueTokens.MISSING) {
            if (w.equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }

    private static int trimFrom(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimTo(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int[] lineAndColumn(byte[] b, int from, int pos) {
        int line = 1;
        int lineStart = from;
        for (int i = from; i < pos; i++) {
            if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= b.length || b[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = (int) new String(b, lineStart, pos - lineStart, StandardCharsets.UTF_8).codePoints().count() + 1;
        return new int[] {line, column};
    }
}
