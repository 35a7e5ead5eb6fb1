/*
 * The arithmetic below follows __ieee754_pow of fdlibm (e_pow.c and s_scalbn.c), whose notice is:
 *
 * ====================================================
 * Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.
 *
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
package io.sentinelrisk.core.detect.iforest;

/**
 * 2^y, bit for bit {@code StrictMath.pow(2.0, y)}, without allocating.
 *
 * <p>Why: the JDK's StrictMath.pow (a port of fdlibm) allocates three small arrays on every call,
 * 96 bytes, which only escape analysis removes; batch commands under 128 MB run on the quick
 * compiler (C1) alone, which has none: 27.5 MB of garbage for 286,048 scores. Scores must
 * stay identical on every platform, so this is fdlibm's algorithm specialised to x = 2, not a
 * faster approximation.
 *
 * <p>The specialisation: fdlibm's pow(x, y) first computes log2(x) = t1 + t2 in extra precision,
 * then 2^(y·t1 + y·t2) with y split into y1 (its low 32 bits cleared) and y - y1. For x = 2 the
 * logarithm stage is exact and trivial: the exponent n is 1 and x normalises to ax = 1.0 (k = 0,
 * bp = 1.0), so (ax - 1)/(ax + 1) = 0, every polynomial and correction term is 0, and t1 = 1.0,
 * t2 = +0.0. Hence p_h = y1 · 1 = y1 and p_l = (y - y1) · 1 + y · 0 = y - y1 (exact), z = y, and
 * what is left is the final stage of e_pow.c: the over/underflow checks, z = n + f with
 * |f| ≤ 0.5, 2^f by the rational approximation P1..P5, and the scaling by 2^n (through scalbn
 * when the result is subnormal). The sign s is +1 (x > 0) and is dropped.
 *
 * <p>The inputs fdlibm answers before that stage — ±0, NaN, ±Infinity, ±1, 0.5, 2 — and |y| above
 * 2^31 (where it returns +Infinity or +0 from a shortcut) go to StrictMath.pow itself: rare, and
 * it keeps this path to the one case proven above.
 */
final class Exp2 {
    // Constants of e_pow.c, by their bit patterns (the decimal values in the comments).
    /** ln 2 = 6.93147180559945286227e-01. */
    private static final double LG2 = Double.longBitsToDouble(0x3FE62E42FEFA39EFL);
    /** ln 2 to 21 bits: 6.93147182464599609375e-01. */
    private static final double LG2_H = Double.longBitsToDouble(0x3FE62E4300000000L);
    /** ln 2 - LG2_H: -1.90465429995776804525e-09. */
    private static final double LG2_L = Double.longBitsToDouble(0xBE205C610CA86C39L);
    /** Coefficients of the rational approximation of exp on [-ln2/2, ln2/2] (as in e_exp.c). */
    private static final double P1 = Double.longBitsToDouble(0x3FC555555555553EL);
    private static final double P2 = Double.longBitsToDouble(0xBF66C16C16BEBD93L);
    private static final double P3 = Double.longBitsToDouble(0x3F11566AAF25DE2CL);
    private static final double P4 = Double.longBitsToDouble(0xBEBBBD41C5D26BF1L);
    private static final double P5 = Double.longBitsToDouble(0x3E66376972BEA4D0L);
    /** 2^-54, scalbn's last step into the subnormal range. */
    private static final double TWO_M54 = Double.longBitsToDouble(0x3C90000000000000L);

    private Exp2() {
    }

    /** 2^y, with the bits of {@code StrictMath.pow(2.0, y)} for every y (NaN included). */
    static double of(double y) {
        long bits = Double.doubleToRawLongBits(y);
        int hy = (int) (bits >> 32);
        int ly = (int) bits;
        int iy = hy & 0x7fffffff;
        // fdlibm's shortcuts: |y| > 2^31 (NaN and ±Infinity included), and, among y with a zero
        // low word, ±0, ±1, 2 and 0.5.
        if (iy > 0x41e00000
                || ly == 0 && (iy == 0 || iy == 0x3ff00000 || hy == 0x40000000 || hy == 0x3fe00000)) {
            return StrictMath.pow(2.0, y);
        }
        // fdlibm's overflow and underflow tests on z = p_h + p_l = y: z > 1024 overflows, and so
        // does z = 1024 (its test p_l + ovt > z - p_h reads 0 + ovt > 0); z < -1075 underflows,
        // and so does z = -1075 (p_l <= z - p_h reads 0 <= 0). Results are +Infinity and +0.
        if (y >= 1024) {
            return Double.POSITIVE_INFINITY;
        }
        if (y <= -1075) {
            return 0.0;
        }
        // y = p_h + p_l, p_h with 21 significant bits. When |y| > 0.5, n = y rounded to an
        // integer (a half added in the bits of the high word, the fraction bits then cut) is
        // taken off p_h, exactly: then |p_h + p_l| <= 1/2.
        double ph = Double.longBitsToDouble(bits & 0xFFFFFFFF00000000L);
        double pl = y - ph;
        int n = 0;
        if (iy > 0x3fe00000) {
            int k = (iy >> 20) - 0x3ff;
            int m = hy + (0x00100000 >> (k + 1));
            k = ((m & 0x7fffffff) >> 20) - 0x3ff;
            ph -= Double.longBitsToDouble((long) (m & ~(0x000fffff >> k)) << 32);
            n = ((m & 0x000fffff) | 0x00100000) >> (20 - k);
            if (hy < 0) {
                n = -n;
            }
        }
        // 2^(p_h + p_l) = e^(z) with z = (p_h + p_l)·ln2 = u + v carried in two pieces.
        double t = Double.longBitsToDouble(Double.doubleToRawLongBits(pl + ph) & 0xFFFFFFFF00000000L);
        double u = t * LG2_H;
        double v = (pl - (t - ph)) * LG2 + t * LG2_L;
        double z = u + v;
        double w = v - (z - u);
        t = z * z;
        double t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        double r = (z * t1) / (t1 - 2.0) - (w + z * w);
        z = 1.0 - (r - z);
        // Scale by 2^n: in the exponent field, or by scalbn's one rounding when subnormal.
        long zb = Double.doubleToRawLongBits(z);
        int exponent = (int) (zb >>> 52) + n; // z > 0: no sign bit
        if (exponent > 0) {
            return Double.longBitsToDouble(zb + ((long) n << 52));
        }
        if (exponent <= -54) { // below 2^-1076: rounds to +0
            return 0.0;
        }
        return Double.longBitsToDouble((zb & 0x800FFFFFFFFFFFFFL) | (long) (exponent + 54) << 52) * TWO_M54;
    }
}
