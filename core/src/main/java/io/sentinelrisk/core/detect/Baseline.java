package io.sentinelrisk.core.detect;

import java.util.Locale;

/**
 * What the user declares about the rows a detector is fitted on, as scikit-learn separates outlier
 * detection (the training data may hold anomalies) from novelty detection ({@code
 * LocalOutlierFactor(novelty=True)}: "the training data is not polluted by outliers"). No rule can
 * tell from the rows alone whether they are clean; the user who trains on a baseline of normal
 * activity knows it. Only detectors with a {@value #PARAM} parameter ({@code auto}) fit
 * differently under it.
 */
public enum Baseline {
    /** Nothing is known: anomalies may be among the training rows (the default). */
    UNKNOWN,
    /** The training rows are declared free of anomalies. */
    CLEAN;

    /** The detector parameter (and the config key under {@code detector}) that declares it. */
    public static final String PARAM = "baseline";

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code unknown} or {@code clean}; null for anything else. */
    public static Baseline byConfigName(String name) {
        for (Baseline b : values()) {
            if (b.configName().equals(name)) {
                return b;
            }
        }
        return null;
    }

    /** Whether a detector's parameters include {@value #PARAM}. */
    public static boolean takenBy(DetectorFactory factory) {
        return factory.params().stream().anyMatch(p -> p.name().equals(PARAM));
    }
}
