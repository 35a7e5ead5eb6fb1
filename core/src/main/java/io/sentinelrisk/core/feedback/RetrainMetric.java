package io.sentinelrisk.core.feedback;

import io.sentinelrisk.core.metrics.Confusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a challenger must beat the champion on, over the held-back verdicts (is_anomaly against the verdict). */
public enum RetrainMetric {
    F1, PRECISION, RECALL, ACCURACY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double of(Confusion c) {
        return switch (this) {
            case F1 -> c.f1();
            case PRECISION -> c.precision();
            case RECALL -> c.recall();
            case ACCURACY -> c.accuracy();
        };
    }

    public static RetrainMetric parse(String text) {
        for (RetrainMetric m : values()) {
            if (m.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }

    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (RetrainMetric m : values()) {
            out.add(m.id());
        }
        return out;
    }
}
