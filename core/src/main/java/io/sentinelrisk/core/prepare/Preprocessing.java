package io.sentinelrisk.core.prepare;

/**
 * Preparation settings, validated: the {@code preprocessing} keys of the config (see
 * {@code SentinelConfig.PREPROCESSING} for each key's default and meaning).
 */
public record Preprocessing(String numericImputation, String categoricalEncoding, int maxCategories,
                            String scaling, boolean timestampFeatures) {
}
