package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link CsvReader} reads a file.
 *
 * @param delimiter the field separator, or null to detect it from the first lines (among
 *                  {@code , ; tab |}); any single ASCII character except a quote or a line break
 * @param types     column types the user declared (config); they win over inference
 * @param expected  at score time, the schema the model was trained on: columns with these names
 *                  are read with these types (a value that does not fit is an error); columns it
 *                  does not name are inferred. Null at train time. It wins over {@code types}.
 */
public record CsvOptions(Character delimiter, Map<String, ColumnType> types, Schema expected) {

    /** Detect the delimiter, infer every type. */
    public static final CsvOptions DEFAULTS = new CsvOptions(null, Map.of(), null);

    public CsvOptions {
        if (delimiter != null) {
            checkDelimiter(delimiter, null, String.valueOf(delimiter));
        }
        types = types == null ? Map.of() : Map.copyOf(types);
    }

    public CsvOptions withDelimiter(Character newDelimiter) {
        return new CsvOptions(newDelimiter, types, expected);
    }

    /** These options plus one declared column type (replacing an earlier one for that column). */
    public CsvOptions withType(String column, ColumnType type) {
        Map<String, ColumnType> m = new LinkedHashMap<>(types);
        m.put(column, type);
        return new CsvOptions(delimiter, m, expected);
    }

    public CsvOptions withTypes(Map<String, ColumnType> newTypes) {
        return new CsvOptions(delimiter, newTypes, expected);
    }

    public CsvOptions withExpected(Schema newExpected) {
        return new CsvOptions(delimiter, types, newExpected);
    }

    /** The type a column must be read with, or null to infer it. */
    ColumnType forcedType(String column) {
        if (expected != null) {
            int i = expected.indexOf(column);
            if (i >= 0) {
                return expected.field(i).type();
            }
        }
        return types.get(column);
    }

    /** Why a column's type is forced, for messages ("the config declares 'x' numeric"). */
    String forcedReason(String column) {
        if (expected != null) {
            int i = expected.indexOf(column);
            if (i >= 0) {
                Field f = expected.field(i);
                return "the model was trained with " + Messages.name(column) + " as " + f.type().id();
            }
        }
        ColumnType t = types.get(column);
        return t == null ? "" : "the config declares " + Messages.name(column) + " " + t.id();
    }

    /** {@link #parseDelimiter(String, InputLocation)} without a place to name. */
    public static Character parseDelimiter(String text) {
        return parseDelimiter(text, null);
    }

    /**
     * Reads a delimiter as a user writes it in a config or on the command line: {@code ,}
     * {@code ;} {@code |} {@code pipe} {@code tab} {@code \t} (backslash-t or a real tab),
     * {@code comma}, {@code semicolon}, any other single ASCII character, or {@code auto} /
     * empty / null for detection (returns null).
     *
     * @param where where the text came from (for the message), or null
     */
    public static Character parseDelimiter(String text, InputLocation where) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() == 1) {
            char c = text.charAt(0);
            checkDelimiter(c, where, text);
            return c;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "auto" -> null;
            case "\\t", "tab" -> '\t';
            case "pipe" -> '|';
            case "comma" -> ',';
            case "semicolon" -> ';';
            default -> {
                if (t.length() == 1) {
                    char c = t.charAt(0);
                    checkDelimiter(c, where, text);
                    yield c;
                }
                throw new InputException(where, "delimiter " + Messages.quote(text)
                    + " is not valid; use one of , ; tab | (or pipe), another single ASCII character, or auto");
            }
        };
    }

    private static void checkDelimiter(char c, InputLocation where, String text) {
        if (c == '"' || c == '\n' || c == '\r' || c >= 128 || (Character.isISOControl(c) && c != '\t')) {
            throw new InputException(where, "delimiter " + Messages.quote(text)
                + " is not valid; it must be a single ASCII character other than a quote or a line break, e.g. , ; tab |");
        }
    }
}
