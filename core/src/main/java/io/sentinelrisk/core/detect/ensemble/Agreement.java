package io.sentinelrisk.core.detect.ensemble;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How much each candidate agrees with the others, without labels: the Spearman rank correlation
 * of its scores with the mean of the other candidates' normalised scores, on a seeded sample of
 * the training rows. A candidate that ranks the rows unlike every other idea of "odd" is more
 * often wrong about the data than all of them are (Rayana and Akoglu's consensus selection, and
 * the leave-one-out agreement of Zimek et al.'s ensemble work).
 */
final class Agreement {
    private Agreement() {
    }

    /** Sorted indices of {@code sample} rows out of {@code n} (all when n ≤ sample), seeded. */
    static int[] sample(int n, int sample, long seed) {
        if (n <= sample) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < sample; i++) {
            int j = i + r.nextInt(n - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        int[] out = Arrays.copyOf(a, sample);
        Arrays.sort(out);
        return out;
    }

    /**
     * @param z z[m][i]: candidate m's normalised score of sampled row i
     * @return per candidate, the Spearman correlation of z[m] with the mean of the others
     */
    static double[] leaveOneOut(double[][] z) {
        int m = z.length;
        int n = z[0].length;
        double[] sum = new double[n];
        for (double[] row : z) {
            for (int i = 0; i < n; i++) {
                sum[i] += row[i];
            }
        }
        double[] out = new double[m];
        double[] others = new double[n];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                others[i] = (sum[i] - z[c][i]) / (m - 1);
            }
            out[c] = spearman(z[c], others);
        }
        return out;
    }

    /** Spearman's rank correlation (ties get their average rank); 0 when either side is constant. */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double mean = (a.length + 1) / 2.0;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = ra[i] - mean;
            double y = rb[i] - mean;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }

    /** 1-based average ranks. */
    static double[] ranks(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int lo = lowerBound(s, v[i]);
            int hi = upperBound(s, v[i]);
            r[i] = (lo + hi + 1) / 2.0;
        }
        return r;
    }

    private static int lowerBound(double[] s, double x) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(s[mid], x) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] s, double x) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(s[mid], x) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
