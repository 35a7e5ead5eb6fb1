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
        for (int r = 0; r < v.length; r++) {
            double x = v[r];
            if (Double.isNaN(x)) {
                allIntegers = false;
                continue;
            }
            if (allIntegers && x != Math.rint(x)) {   // rint is a call under C1: once is enough
                allIntegers = false;
            }
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            if (!varies[c]) {
                if (constant[c] == null) {
                    constant[c] = text(c, r);
                    firstNumber[c] = x;
                } else if (x != firstNumber[c]) {
                    varies[c] = true;
                }
            }
        }
        integers[c] = allIntegers;
        min[c] = lo;
        max[c] = hi;
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
