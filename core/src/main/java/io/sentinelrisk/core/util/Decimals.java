package io.sentinelrisk.core.util;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers to one decimal exactly as {@code String.format(Locale.ROOT, "%.1f" or "%+.1f", x)}
 * writes them, without a Formatter: an alert's reasons and narratives write several such numbers,
 * and a Formatter cost more than finding the reasons (tested against it, ties included).
 */
public final class Decimals {
    private Decimals() {
    }

    /** {@code String.format(Locale.ROOT, "%.1f", x)}. */
    public static String oneDecimal(double x) {
        String fast = Math.copySign(1.0, x) > 0 ? awayFromTie(x) : null;
        return fast != null ? fast : String.format(Locale.ROOT, "%.1f", x);
    }

    /** {@code String.format(Locale.ROOT, "%+.1f", z)}. */
    public static String signedOneDecimal(double z) {
        if (!Double.isFinite(z)) {
            return String.format(Locale.ROOT, "%+.1f", z);
        }
        String sign = Math.copySign(1.0, z) < 0 ? "-" : "+";
        String fast = awayFromTie(Math.abs(z));
        if (fast != null) {
            return sign + fast;
        }
        // the Formatter rounds the shortest decimal of z half up
        BigDecimal r = new BigDecimal(Double.toString(Math.abs(z))).setScale(1, RoundingMode.HALF_UP);
        return sign + r.toPlainString();
    }

    /**
     * {@code "%.1f"} of {@code a} when it needs no care, else null: for {@code 0 <= a < 1e6} whose
     * tenths are not within 1e-6 of a rounding tie. There the double {@code 10 a} is within 1e-9 of
     * the exact product, so it and the Formatter's decimal digits of {@code a} round to the same
     * tenth; near a tie only the decimal digits decide (the callers' slower paths).
     */
    private static String awayFromTie(double a) {
        if (!(a >= 0 && a < 1e6)) {
            return null;
        }
        double tenths = a * 10;
        double whole = Math.floor(tenths);
        double frac = tenths - whole;
        if (Math.abs(frac - 0.5) < 1e-6) {
            return null;
        }
        long r = (long) whole + (frac > 0.5 ? 1 : 0);
        return (r / 10) + "." + (r % 10);
    }
}
