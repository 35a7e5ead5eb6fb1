package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.config.ConfigException;

/**
 * {@code max_samples}: how many training rows each tree is grown on (ψ), as in scikit-learn:
 * {@code auto} = min(256, n), an integer count (capped at n), or a fraction of n.
 */
public sealed interface MaxSamples {
    /** The number of samples per tree for {@code rows} training rows (at least 1 when rows ≥ 1). */
    int resolve(int rows);

    /** The value as a user writes it in a config: {@code auto}, {@code 256} or {@code 0.5}. */
    String describe();

    MaxSamples AUTO = new Auto();

    static MaxSamples count(int count) {
        return new Count(count);
    }

    static MaxSamples fraction(double fraction) {
        return new Fraction(fraction);
    }

    /**
     * Reads a config value: {@code "auto"}, an integral Number (count) or a floating-point Number
     * (fraction), exactly as scikit-learn tells them apart by type.
     */
    static MaxSamples of(Object value) {
        if ("auto".equals(value)) {
            return AUTO;
        }
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
        return ConfigException.forKey("max_samples", "'max_samples' in detector (iforest): expected auto, an "
                + "integer in [1, " + Integer.MAX_VALUE + "] or a fraction in (0, 1], found " + value);
    }

    /** min(256, n). */
    record Auto() implements MaxSamples {
        @Override
        public int resolve(int rows) {
            return Math.min(256, rows);
        }

        @Override
        public String describe() {
            return "auto";
        }
    }

    /** A fixed count; more than the data has means all rows (as scikit-learn, which warns). */
    record Count(int count) implements MaxSamples {
        public Count {
            if (count < 1) {
                throw invalid(count);
            }
        }

        @Override
        public int resolve(int rows) {
            return Math.min(count, rows);
        }

        @Override
        public String describe() {
            return Integer.toString(count);
        }
    }

    /** {@code floor(fraction * n)} rows, as scikit-learn's {@code int(max_samples * n)}. */
    record Fraction(double fraction) implements MaxSamples {
        public Fraction {
            if (!(fraction > 0.0 && fraction <= 1.0)) {
                throw invalid(fraction);
            }
        }

        @Override
        public int resolve(int rows) {
            return (int) (fraction * rows);
        }

        @Override
        public String describe() {
            return Double.toString(fraction);
        }
    }
}
