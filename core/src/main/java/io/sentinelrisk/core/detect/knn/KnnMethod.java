package io.sentinelrisk.core.detect.knn;

import java.util.Arrays;
import java.util.Locale;

/** How the k neighbour distances become one score (PyOD's {@code method}). */
public enum KnnMethod {
    LARGEST, MEAN, MEDIAN;

    /** Combines the {@code k} ascending distances at {@code dist[off..off+k)}. */
    double combine(double[] dist, int off, int k) {
        return switch (this) {
            case LARGEST -> dist[off + k - 1];
            case MEAN -> {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += dist[off + i];
                }
                yield s / k;
            }
            case MEDIAN -> {
                // ascending already (nearest first); numpy's median of an even count averages the middle two
                double[] a = Arrays.copyOfRange(dist, off, off + k);
                yield k % 2 == 1 ? a[k / 2] : (a[k / 2 - 1] + a[k / 2]) / 2;
            }
        };
    }

    /**
     * Combines the {@code k} ascending distances at {@code dist[off..off+k)} to points weighing
     * {@code weight[idx[...]]} objects each, plus {@code own} objects at distance 0 (the row's own
     * copies): the neighbourhood of {@code duplicates: weighted}. {@code largest} is the
     * k-distinct-distance itself; {@code mean} and {@code median} are over the neighbourhood's
     * objects. With {@code weight} null, {@link #combine(double[], int, int)}.
     */
    double combine(double[] dist, int[] idx, int off, int k, double[] weight, double own) {
        if (weight == null) {
            return combine(dist, off, k);
        }
        return switch (this) {
            case LARGEST -> dist[off + k - 1];
            case MEAN -> {
                double s = 0;
                double w = own;
                for (int i = 0; i < k; i++) {
                    double wi = weight[idx[off + i]];
                    s += wi * dist[off + i];
                    w += wi;
                }
                yield s / w;
            }
            case MEDIAN -> {
                // the objects sorted by distance: own copies (0) first, then each point's copies
                double total = own;
                for (int i = 0; i < k; i++) {
                    total += weight[idx[off + i]];
                }
                double lo = Math.floor((total - 1) / 2);
                double hi = Math.floor(total / 2);
                yield (atObject(dist, idx, off, k, weight, own, lo) + atObject(dist, idx, off, k, weight, own, hi)) / 2;
            }
        };
    }

    /** The distance of the object at 0-based position {@code pos} of the weighted neighbourhood. */
    private static double atObject(double[] dist, int[] idx, int off, int k, double[] weight, double own, double pos) {
        double seen = own;
        if (pos < seen) {
            return 0;
        }
        for (int i = 0; i < k; i++) {
            seen += weight[idx[off + i]];
            if (pos < seen) {
                return dist[off + i];
            }
        }
        return dist[off + k - 1];
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KnnMethod byConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
