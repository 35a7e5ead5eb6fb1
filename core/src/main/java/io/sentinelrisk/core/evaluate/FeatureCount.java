package io.sentinelrisk.core.evaluate;

/** How many of the top alerts have this feature far from normal. */
public record FeatureCount(String feature, int alerts) {
}
