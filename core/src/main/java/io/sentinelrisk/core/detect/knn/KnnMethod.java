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

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KnnMethod byConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
