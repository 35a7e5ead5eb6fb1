package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.config.ConfigException;

/**
 * {@code max_features}: how many features each tree may split on, drawn per tree without
 * replacement, as in scikit-learn: an integer count or a fraction of the features (default 1.0 =
 * all of them).
 */
public sealed interface MaxFeatures {
    /** The number of features per tree for {@code columns} features; a ConfigException if too many. */
    int resolve(int columns);

    /** The value as a user writes it in a config: {@code 3} or {@code 0.5}. */
    String describe();

    MaxFeatures ALL = new Fraction(1.0);

    static MaxFeatures count(int count) {
        return new Count(count);
    }

    static MaxFeatures fraction(double fraction) {
        return new Fraction(fraction);
    }

    /** Reads a config value: an integral Number (count) or a floating-point Number (fraction). */
    static MaxFeatures of(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long n = ((Number) value).longValue();
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw invalid(value);
            }
            return new Count((int) n);
        }
        if (value instanceof Number n) {
            return new Fraction(n.doubleValue());
        }
        throw invalid(value);
    }

    private static ConfigException invalid(Object value) {
        return ConfigException.forKey("max_features", "'max_features' in detector (iforest): expected an integer ≥ 1 "
                + "(at most the number of features) or a fraction in (0, 1], found " + value);
    }

    record Count(int count) implements MaxFeatures {
        public Count {
            if (count < 1) {
                throw invalid(count);
            }
        }

        @Override
        public int resolve(int columns) {
            if (count > columns) {
                throw new ConfigException("'max_features': " + count + " is more than the " + columns
                        + " features of the data; expected an integer in [1, " + columns + "] or a fraction in (0, 1]");
            }
            return count;
        }

        @Override
        public String describe() {
            return Integer.toString(count);
        }
    }

    /** {@code max(1, floor(fraction * columns))}, as scikit-learn. */
    record Fraction(double fraction) implements MaxFeatures {
        public Fraction {
            if (!(fraction > 0.0 && fraction <= 1.0)) {
                throw invalid(fraction);
            }
        }

        @Override
        public int resolve(int columns) {
            return Math.max(1, (int) (fraction * columns));
        }

        @Override
        public String describe() {
            return Double.toString(fraction);
        }
    }
}
