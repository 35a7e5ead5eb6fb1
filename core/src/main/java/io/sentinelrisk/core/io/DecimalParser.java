package io.sentinelrisk.core.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Parses a decimal number straight from bytes, without making a String. Accepts exactly
 * {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}; anything else (hex,
 * {@code 1d}, {@code NaN}, {@code Infinity}, thousands separators) is not a number here.
 *
 * <p>The result is always the same double as {@link Double#parseDouble}: numbers with at most 15
 * significant digits and a decimal exponent within ±22 take Clinger's fast path (an exact integer
 * times or divided by an exact power of ten is one correctly rounded operation); the rest
 * (17-digit doubles, say) go to FastDoubleParser, which gives {@code Double.parseDouble}'s result
 * from the bytes without making a String.
 */
final class DecimalParser {
    private DecimalParser() {
    }

    /** Exact powers of ten (every one up to 1e22 is a double). */
    static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /**
     * The number in {@code b[from, to)} (no surrounding spaces), or NaN when the text is not a
     * decimal number. A number too large for a double gives ±Infinity.
     */
    static double parse(byte[] b, int from, int to) {
        double v = parsePlain(b, from, to);
        return v == v ? v : parseAny(b, from, to);
    }

    /**
     * The common case in few steps per digit: an optional minus, at most 15 digits with an
     * optional point among them, nothing else. The digits make an exact integer below 2^53 and
     * the point a division by an exact power of ten: one correctly rounded operation (Clinger),
     * the same double as {@link Double#parseDouble}. NaN for anything else (then
     * {@link #parseAny} decides).
     */
    private static double parsePlain(byte[] b, int from, int to) {
        if (to - from > 17 || to <= from) {
            return Double.NaN;
        }
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int start = i;
        byte c;
        while (i < to && (c = b[i]) >= '0' && c <= '9') {
            mantissa = mantissa * 10 + (c - '0');
            i++;
        }
        int digits = i - start;
        int fraction = 0;
        if (i < to && b[i] == '.') {
            int point = ++i;
            while (i < to && (c = b[i]) >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                i++;
            }
            fraction = i - point;
        }
        if (i != to || digits + fraction == 0 || digits + fraction > 15) {
            return Double.NaN;
        }
        double v = fraction == 0 ? mantissa : mantissa / POW10[fraction];
        return negative ? -v : v;
    }

    private static double parseAny(byte[] b, int from, int to) {
        int i = from;
        if (i >= to) {
            return Double.NaN;
        }
        boolean negative = false;
        byte c = b[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exp10 = 0;
        int digits = 0;
        boolean exact = true;
        while (i < to && (c = b[i]) >= '0' && c <= '9') {
            digits++;
            if (significant < 18) {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                exact = false; // more digits than a long keeps: let the JDK round them
            }
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && (c = b[i]) >= '0' && c <= '9') {
                digits++;
                if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) {
                        significant++;
                    }
                    exp10--;
                } else {
                    exact = false;
                }
                i++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            int expDigits = 0;
            int e = 0;
            while (i < to && (c = b[i]) >= '0' && c <= '9') {
                if (e < 100_000) {
                    e = e * 10 + (c - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            exp10 += expNegative ? -e : e;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (exact) {
            if (mantissa == 0) {
                return negative ? -0.0 : 0.0;
            }
            if (significant <= 15 && exp10 >= -22 && exp10 <= 22) {
                double v = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
                return negative ? -v : v;
            }
        }
        // correctly rounded like Double.parseDouble, from the bytes (Eisel-Lemire, no String)
        return JavaDoubleParser.parseDouble(b, from, to - from);
    }
}
