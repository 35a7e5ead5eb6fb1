package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.util.Arrays;

/**
 * Turns one tokenised column into typed values: infers its type (or uses a forced one) and
 * parses every field straight from the input bytes.
 *
 * <p>Inference, over the non-missing values: all finite numbers → NUMERIC; boolean words
 * (true/false, yes/no), possibly mixed with 0 and 1 → BOOLEAN; all timestamps → TIMESTAMP;
 * otherwise CATEGORICAL — unless at least 90% of them are numbers (or timestamps),
 * in which case the first stray value is an error rather than a silent switch to categorical.
 */
final class ColumnParser {
    /** Share (in tenths) of values from which a column is taken to be meant as numbers (or timestamps). */
    static final int MOSTLY_TENTHS = 9;

    /** A parsed column and the type it was read with. */
    record Parsed(Column column, ColumnType type) {
    }

    private final CsvTokens t;
    private final byte[] b;
    private final int col;
    private final String name;
    private final FieldText f = new FieldText();

    private ColumnParser(CsvTokens tokens, int col) {
        this.t = tokens;
        this.b = tokens.input.bytes();
        this.col = col;
        this.name = tokens.header[col];
    }

    /**
     * @param forced the type to read the column with, or null to infer it
     * @param reason why the type is forced, for messages
     */
    static Parsed parse(CsvTokens tokens, int col, ColumnType forced, String reason) {
        ColumnParser p = new ColumnParser(tokens, col);
        if (forced == null) {
            return p.infer();
        }
        return switch (forced) {
            case NUMERIC -> new Parsed(p.numeric(reason), ColumnType.NUMERIC);
            case BOOLEAN -> new Parsed(p.bool(reason), ColumnType.BOOLEAN);
            case TIMESTAMP -> new Parsed(p.timestamp(reason), ColumnType.TIMESTAMP);
            case CATEGORICAL -> new Parsed(p.categorical(), ColumnType.CATEGORICAL);
        };
    }

    private void at(int row) {
        f.locate(b, t.start(row, col), t.ends[col][row], t.delimiter);
    }

    private Parsed infer() {
        int rows = t.rows;
        double[] numbers = new double[rows];
        long[] times = null;
        int nNumber = 0;
        int nNonFinite = 0;
        int nBool = 0;
        int nTime = 0;
        int nOther = 0;
        boolean numbersAreZeroOne = true;
        int firstNonNumber = -1;
        int firstNonTime = -1;
        for (int r = 0; r < rows; r++) {
            // plain numbers first, as the loop below would read them (a number: counted, and
            // the first row that is not a timestamp); then row r, which is not one
            int end = plainRun(numbers, r);
            if (end > r) {
                nNumber += end - r;
                for (int k = r; numbersAreZeroOne && k < end; k++) {
                    numbersAreZeroOne = numbers[k] == 0 || numbers[k] == 1;
                }
                firstNonTime = firstNonTime < 0 ? r : firstNonTime;
                r = end;
                if (r == rows) {
                    break;
                }
            }
            at(r);
            int s = f.trimmedFrom;
            int e = f.trimmedTo;
            if (ValueTokens.isMissing(b, s, e)) {
                numbers[r] = Double.NaN;
                continue;
            }
            double v = DecimalParser.parse(b, s, e);
            if (!Double.isNaN(v)) {
                if (Double.isInfinite(v)) {
                    nNonFinite++;
                    firstNonNumber = firstNonNumber < 0 ? r : firstNonNumber;
                } else {
                    numbers[r] = v;
                    nNumber++;
                    numbersAreZeroOne &= v == 0 || v == 1;
                }
                firstNonTime = firstNonTime < 0 ? r : firstNonTime;
                continue;
            }
            firstNonNumber = firstNonNumber < 0 ? r : firstNonNumber;
            if (ValueTokens.isNonFiniteWord(b, s, e)) {
                nNonFinite++;
                firstNonTime = firstNonTime < 0 ? r : firstNonTime;
                continue;
            }
            int word = ValueTokens.booleanWord(b, s, e);
            if (word >= 0) {
                numbers[r] = word;
                nBool++;
                firstNonTime = firstNonTime < 0 ? r : firstNonTime;
                continue;
            }
            long ms = TimestampParser.parse(b, s, e);
            if (ms != TimestampParser.NOT_A_TIMESTAMP) {
                if (times == null) {
                    times = new long[rows];
                    Arrays.fill(times, Column.Timestamp.MISSING);
                }
                times[r] = ms;
                nTime++;
                continue;
            }
            nOther++;
            firstNonTime = firstNonTime < 0 ? r : firstNonTime;
        }
        int present = nNumber + nNonFinite + nBool + nTime + nOther;
        if (nNumber + nNonFinite == present) {
            if (nNonFinite > 0) {
                throw notFinite(firstNonNumber);
            }
            return new Parsed(new Column.Numeric(name, numbers), ColumnType.NUMERIC);
        }
        if (nBool > 0 && nBool + nNumber == present && numbersAreZeroOne) {
            return new Parsed(new Column.Numeric(name, numbers), ColumnType.BOOLEAN);
        }
        if (nTime == present) {
            return new Parsed(new Column.Timestamp(name, times), ColumnType.TIMESTAMP);
        }
        if (mostly(nNumber + nNonFinite, present)) {
            at(firstNonNumber);
            if (isNonFinite()) {
                throw notFinite(firstNonNumber);
            }
            throw error(firstNonNumber, "is not a number, but " + percent(nNumber + nNonFinite, present)
                + " of the column's values are; fix the value (leave the field empty if it is missing) or declare "
                + Messages.name(name) + " categorical in the config" + decimalCommaHint());
        }
        if (mostly(nTime, present)) {
            at(firstNonTime);
            throw error(firstNonTime, "is not a timestamp, but " + percent(nTime, present)
                + " of the column's values are; fix the value (leave the field empty if it is missing) or declare "
                + Messages.name(name) + " categorical in the config");
        }
        return new Parsed(categorical(), ColumnType.CATEGORICAL);
    }

    private Column numeric(String reason) {
        int rows = t.rows;
        double[] out = new double[rows];
        int r = 0;
        while (r < rows) {
            r = plainRun(out, r);
            if (r == rows) {
                break;
            }
            out[r] = numericField(r, reason);
            r++;
        }
        return new Column.Numeric(name, out);
    }

    /**
     * Parses rows {@code from, from + 1, ...} into {@code out} while each field is a plain number
     * ({@link DecimalParser#parsePlain}'s form: an optional minus, at most 15 digits with an
     * optional point among them) that ends in a digit, so has no padding or quotes and is no
     * missing-value word; returns the first row that is not (or {@code t.rows}). The digits are
     * read here, in the loop over rows, rather than in a call per value: the quick compiler (C1)
     * does not inline the parser (docs/benchmarks.md, "Numbers read in the loop over rows").
     * The value is the same double as {@link DecimalParser#parse} (the same steps as parsePlain).
     */
    private int plainRun(double[] out, int from) {
        int[] starts = col == 0 ? t.rowStarts : t.ends[col - 1];
        int startShift = col == 0 ? 0 : 1;
        int[] ends = t.ends[col];
        byte[] b = this.b;
        int rows = t.rows;
        int r = from;
        for (; r < rows; r++) {
            int s = starts[r] + startShift;
            int e = ends[r];
            if (e - s > 17 || e <= s || b[e - 1] < '0' || b[e - 1] > '9') {
                break;
            }
            int i = s;
            boolean negative = b[i] == '-';
            if (negative) {
                i++;
            }
            long mantissa = 0;
            int point = -1;
            for (; i < e; i++) {
                int d = b[i] - '0';
                if (d >= 0 && d <= 9) {
                    mantissa = mantissa * 10 + d;
                } else if (d == '.' - '0' && point < 0) {
                    point = i;
                } else {
                    break;
                }
            }
            int digits = e - s - (negative ? 1 : 0) - (point < 0 ? 0 : 1);
            if (i != e || digits > 15) {
                break;
            }
            // the field ends in a digit: after a point there is at least one (fraction >= 1)
            double v = point < 0 ? mantissa : mantissa / DecimalParser.POW10[e - 1 - point];
            out[r] = negative ? -v : v;
        }
        return r;
    }

    /** One field of a numeric column that is not a plain number: any other spelling, a missing value, or an error. */
    private double numericField(int r, String reason) {
        int[] starts = col == 0 ? t.rowStarts : t.ends[col - 1];
        int s0 = starts[r] + (col == 0 ? 0 : 1);
        int e0 = t.ends[col][r];
        // A field that starts like a number and ends in a digit has no padding or quotes and is
        // no missing-value word: parsed as it is; anything else, or a value that is not a
        // finite number, takes the full path below (and its message).
        if (e0 > s0 && isDigit(b[e0 - 1]) && startsNumber(b[s0])) {
            double v = DecimalParser.parse(b, s0, e0);
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                return v;
            }
        }
        at(r);
        int s = f.trimmedFrom;
        int e = f.trimmedTo;
        if (ValueTokens.isMissing(b, s, e)) {
            return Double.NaN;
        }
        double v = DecimalParser.parse(b, s, e);
        if (Double.isInfinite(v) || (Double.isNaN(v) && ValueTokens.isNonFiniteWord(b, s, e))) {
            throw notFinite(r);
        }
        if (Double.isNaN(v)) {
            throw error(r, "is not a number; " + reason + " (leave the field empty for a missing value)" + decimalCommaHint());
        }
        return v;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean startsNumber(byte c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    private Column bool(String reason) {
        double[] out = new double[t.rows];
        for (int r = 0; r < t.rows; r++) {
            at(r);
            int s = f.trimmedFrom;
            int e = f.trimmedTo;
            if (ValueTokens.isMissing(b, s, e)) {
                out[r] = Double.NaN;
                continue;
            }
            int word = ValueTokens.booleanWord(b, s, e);
            if (word < 0) {
                double v = DecimalParser.parse(b, s, e);
                if (v == 0 || v == 1) {
                    word = (int) v;
                }
            }
            if (word < 0) {
                throw error(r, "is not a boolean (true/false, yes/no or 1/0); " + reason);
            }
            out[r] = word;
        }
        return new Column.Numeric(name, out);
    }

    private Column timestamp(String reason) {
        long[] out = new long[t.rows];
        for (int r = 0; r < t.rows; r++) {
            at(r);
            int s = f.trimmedFrom;
            int e = f.trimmedTo;
            if (ValueTokens.isMissing(b, s, e)) {
                out[r] = Column.Timestamp.MISSING;
                continue;
            }
            long ms = TimestampParser.parse(b, s, e);
            if (ms == TimestampParser.NOT_A_TIMESTAMP) {
                throw error(r, "is not a timestamp (e.g. 2024-03-01T12:00:00Z, 2024-03-01 12:00:00 or 2024-03-01); " + reason);
            }
            out[r] = ms;
        }
        return new Column.Timestamp(name, out);
    }

    private Column categorical() {
        int[] codes = new int[t.rows];
        ByteDictionary dict = new ByteDictionary();
        byte[] scratch = new byte[64];
        for (int r = 0; r < t.rows; r++) {
            at(r);
            if (ValueTokens.isMissing(b, f.trimmedFrom, f.trimmedTo)) {
                codes[r] = -1;
            } else if (f.hasEscapes(b)) {
                if (scratch.length < f.to - f.from) {
                    scratch = new byte[f.to - f.from];
                }
                codes[r] = dict.code(scratch, 0, f.unescape(b, scratch));
            } else {
                codes[r] = dict.code(b, f.from, f.to);
            }
        }
        return new Column.Categorical(name, codes, dict.values());
    }

    /** Whether the located field is a non-finite number (a word like inf, or out of range). */
    private boolean isNonFinite() {
        int s = f.trimmedFrom;
        int e = f.trimmedTo;
        return ValueTokens.isNonFiniteWord(b, s, e) || Double.isInfinite(DecimalParser.parse(b, s, e));
    }

    private InputException notFinite(int row) {
        at(row);
        return error(row, "is not a finite number; leave the field empty for a missing value");
    }

    /** "value "x" in column 'c' " + what, at the row's field. */
    private InputException error(int row, String what) {
        at(row);
        int line = t.lineOf(row, t.start(row, col));
        String value = f.text(b);
        return new InputException(new InputLocation(t.input.file(), line, col + 1),
            "value " + Messages.quote(value) + " in column " + Messages.name(name) + " " + what);
    }

    /** A hint when the located value looks like a number written with a decimal comma. */
    private String decimalCommaHint() {
        int s = f.trimmedFrom;
        int e = f.trimmedTo;
        int comma = -1;
        for (int i = s; i < e; i++) {
            if (b[i] == ',') {
                if (comma >= 0) {
                    return "";
                }
                comma = i;
            }
        }
        if (comma <= s || comma == e - 1) {
            return "";
        }
        byte[] copy = Arrays.copyOfRange(b, s, e);
        copy[comma - s] = '.';
        return Double.isNaN(DecimalParser.parse(copy, 0, copy.length)) ? "" : " (write decimals with a point: '.')";
    }

    private static boolean mostly(int part, int whole) {
        return part * 10L >= whole * (long) MOSTLY_TENTHS;
    }

    private static String percent(int part, int whole) {
        return (int) Math.floor(100.0 * part / whole) + "%";
    }
}
