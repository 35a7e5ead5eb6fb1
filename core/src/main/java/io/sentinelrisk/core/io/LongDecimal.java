package io.sentinelrisk.core.io;

/**
 * {@link Double#toString(double)}'s text for the plain-notation doubles (1e-3 ≤ |v| < 1e7) whose
 * shortest decimal has 16 or 17 significant digits, computed scores most of all, without the
 * JDK's general algorithm and the string it makes. Only for doubles that
 * {@link CsvWriter.Shortest} turned down, that is, that no decimal of 15 or fewer digits reads
 * back as.
 *
 * <p>Double.toString writes the decimal of the least length m that reads back as v, and of those
 * of that length the one closest to v. With m ≥ 16 that is the n-digit decimal closest to v, for
 * n = 16 when that reads back as v, else n = 17: v = M·2^q exactly, so v·10^k = M·5^k·2^(q+k) is
 * an exact 128-bit product shifted right by s = -(q+k) bits; its integer part and remainder give
 * the nearest n-digit decimal d, and d reads back as v when it lies within half an ulp of v,
 * which in these units is 5^k / 2. Exact ties, powers of two (whose lower neighbour is nearer)
 * and decimals ending in 0 (which would be shorter) are left to Double.toString (return -1).
 */
final class LongDecimal {
    private static final long[] POW5 = new long[20];
    private static final long[] POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POW5.length; i++) {
            POW5[i] = p;
            p *= 5;
        }
        p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private LongDecimal() {
    }

    /** Writes v at {@code pos} (room for 24 bytes) and returns the end, or -1 when v is not for this class. */
    static int write(double v, byte[] buf, int pos) {
        double a = Math.abs(v);
        if (!(a >= 1e-3 && a < 1e7)) {
            return -1;
        }
        long bits = Double.doubleToRawLongBits(a);
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        if (fraction == 0) {
            return -1;   // a power of two: the interval that reads back as it is lopsided
        }
        long m = fraction | 1L << 52;
        int q = (int) (bits >>> 52) - 1075;
        int intDigits = a < 1 ? 0 : a < 10 ? 1 : a < 100 ? 2 : a < 1e3 ? 3 : a < 1e4 ? 4 : a < 1e5 ? 5 : a < 1e6 ? 6 : 7;
        int zeros = a >= 0.1 ? 0 : a >= 0.01 ? 1 : 2;   // zeros after the point, before the first digit (a < 1)
        int k = 16 - intDigits + zeros;   // fraction digits of a 16-digit decimal
        long d = nearest(m, q, k);
        if (d == -2) {
            return -1;
        }
        if (d < 0) {   // no 16-digit decimal reads back as v: 17 digits
            k++;
            d = nearest(m, q, k);
            if (d < 0) {
                return -1;
            }
        }
        if (d % 10 == 0) {
            return -1;   // a shorter decimal: CsvWriter.Shortest's, or a carry to the next power of ten
        }
        if (v < 0) {
            buf[pos++] = '-';
        }
        long whole;
        long frac;
        if (intDigits == 0) {
            whole = 0;
            frac = d;
        } else {
            whole = d / POW10[k];
            frac = d - whole * POW10[k];
        }
        pos = CsvWriter.Shortest.digits((int) whole, 0, buf, pos);   // below 10^7
        buf[pos++] = '.';
        return padded(frac, k, buf, pos);
    }

    /**
     * The integer nearest to v·10^k for v = m·2^q, when it reads back as v (within half an ulp);
     * -1 when it does not; -2 on an exact tie or a shift out of range.
     */
    private static long nearest(long m, int q, int k) {
        int s = -(q + k);
        if (s < 2 || s > 62 || k >= POW5.length) {
            return -2;
        }
        long p5 = POW5[k];
        long lo = m * p5;
        long hi = Math.multiplyHigh(m, p5);   // both below 2^63: the signed high half is the unsigned one
        long floor = (hi << (64 - s)) | (lo >>> s);
        long rem = lo & ((1L << s) - 1);
        long half = 1L << (s - 1);
        if (rem == half) {
            return -2;
        }
        boolean up = rem > half;
        long dist = up ? (1L << s) - rem : rem;
        // reads back as v iff dist < 5^k / 2; 5^k is odd, so dist is never exactly half of it
        return 2 * dist < p5 ? floor + (up ? 1 : 0) : -1;
    }

    /** x (below 10^width, width ≤ 19) left-padded with zeros to width digits. */
    private static int padded(long x, int width, byte[] buf, int pos) {
        if (width <= 8) {
            return CsvWriter.Shortest.digits((int) x, width, buf, pos);
        }
        long high = x / 100_000_000L;
        int low = (int) (x - high * 100_000_000L);
        if (width <= 16) {
            pos = CsvWriter.Shortest.digits((int) high, width - 8, buf, pos);
        } else {
            long top = high / 100_000_000L;
            pos = CsvWriter.Shortest.digits((int) top, width - 16, buf, pos);
            pos = CsvWriter.Shortest.eight((int) (high - top * 100_000_000L), buf, pos);
        }
        return CsvWriter.Shortest.eight(low, buf, pos);
    }
}
