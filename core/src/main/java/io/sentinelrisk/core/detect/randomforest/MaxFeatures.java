package io.sentinelrisk.core.detect.randomforest;

import io.sentinelrisk.core.detect.support.ParamChecks;

/**
 * scikit-learn's {@code max_features}: how many features a split may try.
 *
 * @param rule   sqrt, log2, none (all), count or fraction
 * @param amount the count or fraction (0 for the named rules)
 */
public record MaxFeatures(String rule, double amount) {
    private static final String EXPECTED = "an integer ≥ 1, a fraction in (0, 1], sqrt, log2 or none";
    public static final MaxFeatures SQRT = new MaxFeatures("sqrt", 0);

    public MaxFeatures {
        boolean ok = switch (rule) {
            case "sqrt", "log2", "none" -> amount == 0;
            case "count" -> amount >= 1 && amount == Math.rint(amount);
            case "fraction" -> amount > 0 && amount <= 1;
            default -> false;
        };
        if (!ok) {
            throw ParamChecks.fail(RandomForestFactory.TYPE, "max_features", EXPECTED,
                    amount == 0 ? rule : ParamChecks.fmt(amount));
        }
    }

    static MaxFeatures parse(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long v = ((Number) value).longValue();
            if (v < 1) {
                throw ParamChecks.fail(RandomForestFactory.TYPE, "max_features", EXPECTED, String.valueOf(v));
            }
            return new MaxFeatures("count", v);
        }
        if (value instanceof Number n) {
            double v = n.doubleValue();
            if (!(v > 0 && v <= 1)) {
                throw ParamChecks.fail(RandomForestFactory.TYPE, "max_features", EXPECTED, ParamChecks.fmt(v));
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
