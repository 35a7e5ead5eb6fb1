package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;

/**
 * What two of the fit-time column rules ({@link ColumnRoles#forTraining}) need of the whole
 * data when the model is fitted on a sample of it, gathered block by block in constant memory:
 * whether each column is constant (a rare other value may miss the sample), and whether a
 * numeric column can be a row number (a sample of a row number is not one consecutive run).
 * The other rules read the sample.
 */
public final class ColumnFacts {
    private long rows;
    private String[] names;
    private String[] constant;     // the first non-missing value's text, or null before one
    private Frame current;         // the block being added: its first value of a column gives the text
    private boolean[] varies;
    private double[] firstNumber;
    private long[] firstTime;
    private boolean[] integers;    // every value so far an integer, none missing
    private double[] min;
    private double[] max;

    /** Adds the next block of the data (all blocks of one schema). */
    public void add(Frame block) {
        int cols = block.columnCount();
        if (names == null) {
            names = block.schema().names().toArray(String[]::new);
            constant = new String[cols];
            varies = new boolean[cols];
            firstNumber = new double[cols];
            firstTime = new long[cols];
            integers = new boolean[cols];
            java.util.Arrays.fill(integers, true);
            min = new double[cols];
            max = new double[cols];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }
        current = block;
        for (int c = 0; c < cols; c++) {
            switch (block.column(c)) {
                case Column.Numeric n -> numbers(c, n.values());
                case Column.Timestamp t -> times(c, t.epochMillis());
                case Column.Categorical k -> categories(c, k);
            }
        }
        rows += block.rows();
        current = null;
    }

    /** Rows added. */
    public long rows() {
        return rows;
    }

    /**
     * The one value every non-missing row of {@code column} holds in the whole data ("" when
     * every value is missing), or null when it holds two or more.
     */
    public String constantValue(String column) {
        int c = index(column);
        return varies[c] ? null : constant[c] == null ? "" : constant[c];
    }

    /**
     * Whether {@code column}'s values in the whole data can be distinct consecutive integers:
     * integers, none missing, with as many rows as the run from the least to the greatest
     * (distinctness is the sample's to show).
     */
    public boolean integerRun(String column) {
        int c = index(column);
        return integers[c] && rows >= 3 && max[c] - min[c] == rows - 1;
    }

    private int index(String column) {
        for (int c = 0; c < names.length; c++) {
            if (names[c].equals(column)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    /** A cell as {@link Frame#text} writes it (booleans as true/false), as the whole-data rule reports it. */
    private String text(int c, int row) {
        return current.text(c, row);
    }

    private void numbers(int c, double[] v) {
        if (!integers[c] && varies[c]) {
            return;   // both rules decided: min and max matter only while every value is an integer
        }
        boolean allIntegers = integers[c];
        double lo = min[c];
        double hi = max[c];
        int r = 0;
        for (; r < v.length && !varies[c]; r++) {   // until a second value shows: rarely past the first rows
            double x = v[r];
            if (Double.isNaN(x)) {
                allIntegers = false;
                continue;
            }
            allIntegers &= isInteger(x);
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            if (constant[c] == null) {
                constant[c] = text(c, r);
                firstNumber[c] = x;
            } else if (x != firstNumber[c]) {
                varies[c] = true;
            }
        }
        // The column varies: only min and max are left to find, and only while every value is an
        // integer (once one is not, integerRun is false for good). Plain comparisons, fewer tests
        // than Math.min/max: lo and hi may keep 0.0 where those would take -0.0, which changes
        // neither max - min nor any test of it.
        for (; allIntegers && r < v.length; r++) {
            double x = v[r];
            if (!isInteger(x)) {   // NaN included
                allIntegers = false;
            } else if (x < lo) {
                lo = x;
            } else if (x > hi) {
                hi = x;
            }
        }
        integers[c] = allIntegers;
        min[c] = lo;
        max[c] = hi;
    }

    /**
     * {@code x == Math.rint(x)} for a non-NaN x (false for NaN) without the call {@code rint} is
     * under the quick compiler: below 2^52 in magnitude a double is an integer exactly when
     * truncating it to a long loses nothing, and from 2^52 up (infinities included) every double is
     * one.
     */
    static boolean isInteger(double x) {
        return (double) (long) x == x || Math.abs(x) >= 0x1p52;
    }

    private void times(int c, long[] v) {
        integers[c] = false;
        for (int r = 0; r < v.length; r++) {
            long x = v[r];
            if (x == Column.Timestamp.MISSING || varies[c]) {
                continue;
            }
            if (constant[c] == null) {
                constant[c] = text(c, r);
                firstTime[c] = x;
            } else if (x != firstTime[c]) {
                varies[c] = true;
            }
        }
    }

    private void categories(int c, Column.Categorical k) {
        integers[c] = false;
        if (varies[c]) {
            return;
        }
        int[] codes = k.codes();
        int code = -1;   // the block's code of the column's value, once seen in this block
        for (int r = 0; r < codes.length; r++) {
            int x = codes[r];
            if (x < 0 || x == code) {
                continue;
            }
            String text = k.dictionary().get(x);
            if (constant[c] == null) {
                constant[c] = text;
                code = x;
            } else if (text.equals(constant[c])) {
                code = x;
            } else {
                varies[c] = true;
                return;
            }
        }
    }
}
