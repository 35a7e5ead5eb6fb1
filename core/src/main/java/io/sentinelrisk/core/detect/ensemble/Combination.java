package io.sentinelrisk.core.detect.ensemble;

import java.util.Locale;

/** How normalised member scores become one: weighted mean, maximum, or weighted mean of training percentiles. */
public enum Combination {
    AVERAGE, MAX, RANK_AVERAGE;

    double combine(double[] normalised, double[] weights) {
        if (this == MAX) {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : normalised) {
                m = Math.max(m, v);
            }
            return m;
        }
        double s = 0;
        double w = 0;
        for (int i = 0; i < normalised.length; i++) {
            s += weights[i] * normalised[i];
            w += weights[i];
        }
        return s / w;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Combination byConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
