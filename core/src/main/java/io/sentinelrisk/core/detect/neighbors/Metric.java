package io.sentinelrisk.core.detect.neighbors;

import java.util.Locale;

/**
 * A distance between prepared rows. Searches compare a cheaper "raw" form (the squared distance
 * for euclidean) and convert only the k results.
 */
public enum Metric {
    EUCLIDEAN {
        @Override
        double raw(double[] a, int aOff, double[] b, int bOff, int d) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = a[aOff + j] - b[bOff + j];
                s += t * t;
            }
            return s;
        }

        @Override
        double rawOfGap(double gap) {
            return gap * gap;
        }

        @Override
        public double distance(double raw) {
            return Math.sqrt(raw);
        }
    },
    MANHATTAN {
        @Override
        double raw(double[] a, int aOff, double[] b, int bOff, int d) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += Math.abs(a[aOff + j] - b[bOff + j]);
            }
            return s;
        }

        @Override
        double rawOfGap(double gap) {
            return gap;
        }

        @Override
        public double distance(double raw) {
            return raw;
        }
    };

    /** The raw (monotone) distance between two rows of {@code d} features. */
    abstract double raw(double[] a, int aOff, double[] b, int bOff, int d);

    /** One feature's contribution to the raw distance, for a non-negative gap. */
    abstract double rawOfGap(double gap);

    /** The distance from its raw form. */
    public abstract double distance(double raw);

    /** The config name: euclidean or manhattan. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Metric byConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
