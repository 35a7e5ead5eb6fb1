package io.sentinelrisk.core.explain;

import java.util.Map;

/** What is normal for one input column, learned from the training rows. */
public sealed interface FeatureBaseline {
    String column();

    /**
     * Numbers, booleans and timestamps (as hour of day): median and a robust scale in std units
     * (1.4826 × MAD, else IQR / 1.349, else std; 0 for a constant column).
     */
    record Numeric(String column, boolean hourOfDay, double median, double scale) implements FeatureBaseline {
    }

    /**
     * Categories: the share of training rows of each (the most frequent ones when there are
     * very many; {@code otherShare} bounds the share of any category not listed).
     */
    record Categorical(String column, Map<String, Double> shares, double otherShare, long trainingRows)
            implements FeatureBaseline {
        public Categorical {
            shares = Map.copyOf(shares);
        }
    }
}
