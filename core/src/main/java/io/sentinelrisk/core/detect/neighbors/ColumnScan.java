package io.sentinelrisk.core.detect.neighbors;

import java.util.Arrays;

/**
 * The raw distances from one query row to a block of reference points stored column by column:
 * feature {@code j} of the block's point {@code r} is {@code cols[first + j][r]}. The loops run
 * over the points, four features per pass, so the JIT vectorises them; the additions happen
 * feature by feature in order, exactly as {@link Metric#raw}, so every index built on this scan
 * returns bit-identical distances.
 *
 * <p>Each column is an array of its own on purpose: C2 vectorises {@code acc[r] += f(col[r])}
 * only when both arrays are indexed by the same {@code r}; with the columns at offsets of one
 * shared array it cannot rule out an overlap with {@code acc} and runs 3.4× slower (measured on
 * 256 points × 36 features, JDK 25).
 */
public final class ColumnScan {
    private ColumnScan() {
    }

    /**
     * The rows {@code rows[from..from+len)} (or {@code from..from+len} when {@code rows} is
     * null) of the row-major {@code points}, as {@code d} column arrays of {@code len} values.
     */
    public static double[][] pack(double[] points, int d, int[] rows, int from, int len) {
        double[][] cols = new double[d][len];
        for (int r = 0; r < len; r++) {
            int row = rows == null ? from + r : rows[from + r];
            for (int j = 0; j < d; j++) {
                cols[j][r] = points[row * d + j];
            }
        }
        return cols;
    }

    /** Writes the raw distances from {@code q[qOff..qOff+d)} to the block's points into {@code acc[0..len)}. */
    public static void rawDistances(Metric metric, double[][] cols, int first, int len, int d, double[] q, int qOff, double[] acc) {
        Arrays.fill(acc, 0, len, 0.0);
        if (metric == Metric.EUCLIDEAN) {
            euclidean(cols, first, len, d, q, qOff, acc);
        } else {
            manhattan(cols, first, len, d, q, qOff, acc);
        }
    }

    /**
     * {@link #rawDistances} for two query rows at once, {@code q} into {@code acc} and {@code p}
     * into {@code acc2}: for euclidean each column value is loaded once for both (25% faster than
     * two scans); manhattan, the rarer metric, runs the two scans.
     */
    static void rawDistances2(Metric metric, double[][] cols, int first, int len, int d, double[] q, int qOff,
                              double[] p, int pOff, double[] acc, double[] acc2) {
        if (metric != Metric.EUCLIDEAN) {
            rawDistances(metric, cols, first, len, d, q, qOff, acc);
            rawDistances(metric, cols, first, len, d, p, pOff, acc2);
            return;
        }
        Arrays.fill(acc, 0, len, 0.0);
        Arrays.fill(acc2, 0, len, 0.0);
        euclidean2(cols, first, len, d, q, qOff, p, pOff, acc, acc2);
    }

    private static void euclidean(double[][] cols, int first, int len, int d, double[] q, int qOff, double[] acc) {
        int j = 0;
        // Four features per pass read and write acc a quarter as often; the sum is still
        // (((acc + t0²) + t1²) + t2²) + t3², the order of the one-feature loop.
        for (; j + 4 <= d; j += 4) {
            double q0 = q[qOff + j];
            double q1 = q[qOff + j + 1];
            double q2 = q[qOff + j + 2];
            double q3 = q[qOff + j + 3];
            double[] c0 = cols[first + j];
            double[] c1 = cols[first + j + 1];
            double[] c2 = cols[first + j + 2];
            double[] c3 = cols[first + j + 3];
            for (int r = 0; r < len; r++) {
                double t0 = q0 - c0[r];
                double t1 = q1 - c1[r];
                double t2 = q2 - c2[r];
                double t3 = q3 - c3[r];
                acc[r] = acc[r] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
            }
        }
        for (; j < d; j++) {
            double qj = q[qOff + j];
            double[] c = cols[first + j];
            for (int r = 0; r < len; r++) {
                double t = qj - c[r];
                acc[r] += t * t;
            }
        }
    }

    private static void manhattan(double[][] cols, int first, int len, int d, double[] q, int qOff, double[] acc) {
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double q0 = q[qOff + j];
            double q1 = q[qOff + j + 1];
            double q2 = q[qOff + j + 2];
            double q3 = q[qOff + j + 3];
            double[] c0 = cols[first + j];
            double[] c1 = cols[first + j + 1];
            double[] c2 = cols[first + j + 2];
            double[] c3 = cols[first + j + 3];
            for (int r = 0; r < len; r++) {
                acc[r] = acc[r] + Math.abs(q0 - c0[r]) + Math.abs(q1 - c1[r]) + Math.abs(q2 - c2[r])
                        + Math.abs(q3 - c3[r]);
            }
        }
        for (; j < d; j++) {
            double qj = q[qOff + j];
            double[] c = cols[first + j];
            for (int r = 0; r < len; r++) {
                acc[r] += Math.abs(qj - c[r]);
            }
        }
    }

    private static void euclidean2(double[][] cols, int first, int len, int d, double[] q, int qOff,
                                   double[] p, int pOff, double[] acc, double[] acc2) {
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double q0 = q[qOff + j];
            double q1 = q[qOff + j + 1];
            double q2 = q[qOff + j + 2];
            double q3 = q[qOff + j + 3];
            double p0 = p[pOff + j];
            double p1 = p[pOff + j + 1];
            double p2 = p[pOff + j + 2];
            double p3 = p[pOff + j + 3];
            double[] c0 = cols[first + j];
            double[] c1 = cols[first + j + 1];
            double[] c2 = cols[first + j + 2];
            double[] c3 = cols[first + j + 3];
            for (int r = 0; r < len; r++) {
                double a0 = c0[r];
                double a1 = c1[r];
                double a2 = c2[r];
                double a3 = c3[r];
                double t0 = q0 - a0;
                double t1 = q1 - a1;
                double t2 = q2 - a2;
                double t3 = q3 - a3;
                acc[r] = acc[r] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
                double s0 = p0 - a0;
                double s1 = p1 - a1;
                double s2 = p2 - a2;
                double s3 = p3 - a3;
                acc2[r] = acc2[r] + s0 * s0 + s1 * s1 + s2 * s2 + s3 * s3;
            }
        }
        for (; j < d; j++) {
            double qj = q[qOff + j];
            double pj = p[pOff + j];
            double[] c = cols[first + j];
            for (int r = 0; r < len; r++) {
                double t = qj - c[r];
                acc[r] += t * t;
                double u = pj - c[r];
                acc2[r] += u * u;
            }
        }
    }
}
