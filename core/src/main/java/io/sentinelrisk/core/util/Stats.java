package io.sentinelrisk.core.util;

import java.util.Arrays;

/** Small statistics on primitive arrays. NaN values are skipped where it says so. */
public final class Stats {
    private Stats() {
    }

    /** The non-NaN values, sorted. */
    public static double[] sortedFinite(double[] values) {
        return sortedFinite(values, new DoubleSort.Keys());
    }

    /** {@link #sortedFinite(double[])} with the radix sort's arrays of {@code keys} (one caller sorting several arrays in turn). */
    public static double[] sortedFinite(double[] values, DoubleSort.Keys keys) {
        double[] out = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                out[n++] = v;
            }
        }
        if (n < out.length) {   // trimmed only when there were NaNs: a copy of the column otherwise
            out = Arrays.copyOf(out, n);
        }
        DoubleSort.sortNoNaN(out, keys);   // the same array as Arrays.sort gives
        return out;
    }

    /** Quantile of sorted values with linear interpolation (numpy's default); NaN if empty. */
    public static double quantileSorted(double[] sorted, double q) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }

    /** Mean of the non-NaN values; NaN if none. */
    public static double mean(double[] values) {
        double sum = 0;
        long n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Population standard deviation of the non-NaN values around {@code mean}; NaN if none. */
    public static double std(double[] values, double mean) {
        double sum = 0;
        long n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                double d = v - mean;
                sum += d * d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(sum / n);
    }

    /**
     * A robust scale of sorted values in standard-deviation units: 1.4826 × MAD, else IQR / 1.349,
     * else the standard deviation, else 0 (a constant column).
     */
    public static double robustScale(double[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        double median = quantileSorted(sorted, 0.5);
        double mad = 1.4826 * medianDeviation(sorted, median);
        if (mad > 0) {
            return mad;
        }
        double iqr = (quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)) / 1.349;
        if (iqr > 0) {
            return iqr;
        }
        double m = mean(sorted);
        return std(sorted, m);
    }

    /**
     * The median of {@code |x - median|} over sorted values (no NaN), as sorting the deviations
     * would give it, in a linear walk: below the median the deviations grow leftwards, from it
     * rightwards (rounding is monotone), so merging the two runs outwards from the median meets
     * them in sorted order, and the walk stops at the middle. With an infinite value (a deviation
     * may then be NaN) the deviations are sorted instead.
     */
    static double medianDeviation(double[] sorted, double median) {
        int n = sorted.length;
        if (Double.isInfinite(sorted[0]) || Double.isInfinite(sorted[n - 1])) {
            double[] dev = new double[n];
            for (int i = 0; i < n; i++) {
                dev[i] = Math.abs(sorted[i] - median);
            }
            Arrays.sort(dev);
            return quantileSorted(dev, 0.5);
        }
        double pos = 0.5 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        int right = Arrays.binarySearch(sorted, median);   // any index of the median's value, or where it goes
        right = right < 0 ? -right - 1 : right;
        while (right > 0 && sorted[right - 1] >= median) {
            right--;   // the first value not below the median
        }
        int left = right - 1;
        double a = 0;
        double b = 0;
        for (int rank = 0; rank <= hi; rank++) {
            double d;
            if (left < 0) {
                d = Math.abs(sorted[right++] - median);
            } else if (right >= n) {
                d = Math.abs(sorted[left--] - median);
            } else {
                double l = Math.abs(sorted[left] - median);
                double r = Math.abs(sorted[right] - median);
                if (l <= r) {
                    d = l;
                    left--;
                } else {
                    d = r;
                    right++;
                }
            }
            if (rank == lo) {
                a = d;
            }
            b = d;
        }
        return a + (b - a) * (pos - lo);
    }

    /**
     * {@link #robustScale(double[])} of the values of a selection, without sorting them (the same
     * result bit for bit; only the rare last fallback, a standard deviation, sorts).
     */
    public static double robustScale(Selection values) {
        if (values.size() == 0) {
            return 0;
        }
        double median = values.quantile(0.5);
        double mad = 1.4826 * values.deviations(median).quantile(0.5);
        if (mad > 0) {
            return mad;
        }
        double iqr = (values.quantile(0.75) - values.quantile(0.25)) / 1.349;
        if (iqr > 0) {
            return iqr;
        }
        double[] sorted = values.sorted();   // summed in sorted order, as robustScale(double[]) does
        return std(sorted, mean(sorted));
    }

    /**
     * The inverse of the standard normal CDF (Acklam's rational approximation, relative error
     * below 1.2e-9), for p in (0, 1).
     */
    public static double normalQuantile(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double pLow = 0.02425;
        if (p < pLow) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - pLow) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
