package io.sentinelrisk.core.detect.neighbors;

import java.util.Arrays;

/**
 * The distinct rows of a row-major matrix, in order of first appearance, and which distinct row
 * each input row is. Rows are equal when every value is ({@code -0.0} equals {@code 0.0}, as in
 * distance). Found with one pass over an open-addressing hash table of row indices: no boxing,
 * and no sort, so that the distinct rows keep the input order (on data without copies they are
 * the input rows themselves, and ties between equal distances break as before).
 *
 * @param count    how many distinct rows
 * @param distinct row-major values of the distinct rows ({@code count × d})
 * @param rowOf    for every input row, the index of its distinct row; null when every row is distinct
 */
public record DistinctRows(int count, double[] distinct, int[] rowOf) {

    public static DistinctRows of(double[] data, int n, int d) {
        int cap = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
        int mask = cap - 1;
        int[] table = new int[cap];      // distinct index + 1, 0 = empty
        int[] firstRow = new int[n];
        int[] rowOf = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int slot = (int) mix(hash(data, i * d, d)) & mask;
            while (true) {
                int t = table[slot];
                if (t == 0) {
                    table[slot] = count + 1;
                    firstRow[count] = i;
                    rowOf[i] = count++;
                    break;
                }
                if (sameRow(data, firstRow[t - 1] * d, i * d, d)) {
                    rowOf[i] = t - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        if (count == n) {
            return new DistinctRows(n, data, null);
        }
        double[] distinct = new double[count * d];
        for (int u = 0; u < count; u++) {
            System.arraycopy(data, firstRow[u] * d, distinct, u * d, d);
        }
        return new DistinctRows(count, distinct, rowOf);
    }

    /** How many input rows each distinct row stands for, or null when every row is distinct. */
    public double[] multiplicities() {
        return multiplicities(rowOf, count);
    }

    /** How many of {@code rowOf}'s rows each of {@code count} points stands for; null when {@code rowOf} is. */
    public static double[] multiplicities(int[] rowOf, int count) {
        if (rowOf == null) {
            return null;
        }
        double[] w = new double[count];
        for (int p : rowOf) {
            w[p]++;
        }
        return w;
    }

    /** True when the input had no copies. */
    public boolean allDistinct() {
        return rowOf == null;
    }

    /** One value per input row: the value of its distinct row. */
    public double[] perRow(double[] perDistinct) {
        if (rowOf == null) {
            return perDistinct;
        }
        double[] out = new double[rowOf.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = perDistinct[rowOf[i]];
        }
        return out;
    }

    /**
     * True when {@code rows} (row-major, {@code d} wide) are the rows that gave {@code distinct}
     * and {@code rowOf} (null: {@code distinct} themselves), in order.
     */
    public static boolean sameRows(double[] rows, int d, double[] distinct, int[] rowOf) {
        if (rowOf == null) {
            return Arrays.equals(rows, distinct);
        }
        if (rows.length != rowOf.length * d) {
            return false;
        }
        for (int i = 0; i < rowOf.length; i++) {
            if (!sameRow2(rows, i * d, distinct, rowOf[i] * d, d)) {
                return false;
            }
        }
        return true;
    }

    private static long hash(double[] a, int off, int d) {
        long h = 0x9E3779B97F4A7C15L;
        for (int j = 0; j < d; j++) {
            double v = a[off + j];
            h = h * 31 + Double.doubleToLongBits(v == 0 ? 0.0 : v);
        }
        return h;
    }

    /** SplitMix64's finaliser, so that the table index uses every bit of the hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static boolean sameRow(double[] a, int i, int j, int d) {
        return sameRow2(a, i, a, j, d);
    }

    private static boolean sameRow2(double[] a, int i, double[] b, int j, int d) {
        for (int c = 0; c < d; c++) {
            double x = a[i + c];
            double y = b[j + c];
            if (!(x == y || (x != x && y != y))) {
                return false;
            }
        }
        return true;
    }
}
