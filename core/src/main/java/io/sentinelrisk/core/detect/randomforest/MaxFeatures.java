package io.sentinelrisk.core.detect.randomforest;

import io.sentinelrisk.core.detect.support.ParamChecks;

/** scikit-learn's {@code max_features}: how many features a split may try. */
record MaxFeatures(String rule, double amount) {

    static MaxFeatures parse(Object value, ParamChecks checks) {
        if (value instanceof Integer || value instanceof Long) {
            long v = ((Number) value).longValue();
            if (v < 1) {
                throw checks.fail("max_features", "an integer ≥ 1, a fraction in (0, 1], sqrt, log2 or none", String.valueOf(v));
            }
            return new MaxFeatures("count", v);
        }
        if (value instanceof Number n) {
            double v = n.doubleValue();
            if (!(v > 0 && v <= 1)) {
                throw checks.fail("max_features", "an integer ≥ 1, a fraction in (0, 1], sqrt, log2 or none", ParamChecks.fmt(v));
            }
            return new MaxFeatures("fraction", v);
        }
        return new MaxFeatures(value.toString(), 0);
    }

    /** The number of features for {@code d} features in all, at least 1 and at most d. */
    int resolve(int d) {
        int k = switch (rule) {
            case "sqrt" -> (int) Math.sqrt(d);
            case "log2" -> (int) (Math.log(d) / Math.log(2));
            case "count" -> (int) Math.min(amount, d);
            case "fraction" -> (int) (amount * d);
            default -> d;
        };
        return Math.max(1, Math.min(d, k));
    }
}
