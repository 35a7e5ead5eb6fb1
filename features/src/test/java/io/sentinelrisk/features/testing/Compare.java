package io.sentinelrisk.features.testing;

import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/** Feature-by-feature, row-by-row comparison of two outputs of the same input. */
public final class Compare {
    /** Relative tolerance for floating-point differences between engines (sums in another order). */
    public static final double TOLERANCE = 1e-9;

    private Compare() {
    }

    public static boolean close(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return Math.abs(a - b) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** Fails with the first differing row and feature, showing the row's input. */
    public static void assertSame(Csv expected, Csv actual, List<String> features, String what) {
        if (expected.rows.size() != actual.rows.size()) {
            fail(what + ": " + expected.rows.size() + " rows vs " + actual.rows.size());
        }
        int mismatches = 0;
        StringBuilder report = new StringBuilder();
        for (int r = 0; r < expected.rows.size(); r++) {
            for (String f : features) {
                double a = expected.num(r, f);
                double b = actual.num(r, f);
                if (!close(a, b)) {
                    if (mismatches < 5) {
                        report.append("\n  row ").append(r + 1).append(" ").append(f).append(": ").append(a).append(" vs ").append(b)
                                .append("   input: ").append(String.join(",", expected.rows.get(r).subList(0, Math.min(9, expected.rows.get(r).size()))));
                    }
                    mismatches++;
                }
            }
        }
        if (mismatches > 0) {
            fail(what + ": " + mismatches + " values differ" + report);
        }
    }
}
