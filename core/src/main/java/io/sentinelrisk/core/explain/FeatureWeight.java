package io.sentinelrisk.core.explain;

/** A number attached to one prepared feature: a correlation, an importance or a SHAP contribution. */
public record FeatureWeight(String feature, double value) {
}
