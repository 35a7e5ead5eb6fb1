package io.sentinelrisk.core.detect.iforest;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Exp2#of} against its reference, {@code StrictMath.pow(2.0, y)}, bit for bit. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Exp2Test {

    /** Counts mismatches (cheaper than an assertion per value) and keeps the first few. */
    private static final class Check {
        long values;
        long mismatches;
        final List<String> first = new ArrayList<>();

        void value(double y) {
            values++;
            long expected = Double.doubleToRawLongBits(StrictMath.pow(2.0, y));
            long actual = Double.doubleToRawLongBits(Exp2.of(y));
            if (expected != actual) {
                mismatches++;
                if (first.size() < 10) {
                    first.add(String.format("y=%s (0x%016x): StrictMath %s (0x%016x), Exp2 %s (0x%016x)",
                            y, Double.doubleToRawLongBits(y), Double.longBitsToDouble(expected), expected,
                            Double.longBitsToDouble(actual), actual));
                }
            }
        }

        /** y and its {@code ulps} neighbours on each side. */
        void around(double y, int ulps) {
            value(y);
            double up = y;
            double down = y;
            for (int u = 0; u < ulps; u++) {
                up = Math.nextUp(up);
                down = Math.nextDown(down);
                value(up);
                value(down);
            }
        }

        void assertNone() {
            assertThat(first).as("mismatches among %d values (%d in all)", values, mismatches).isEmpty();
        }
    }

    /**
     * Run first, while Exp2 is still interpreted or quickly compiled (no escape analysis, as in
     * the CLI's batch runs): StrictMath.pow allocates here, Exp2 must not.
     */
    @Test
    @Order(1)
    void allocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        double[] ys = new double[100_000];
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < ys.length; i++) {
            ys[i] = -1.5 * random.nextDouble();
        }
        double sum = 0;
        long before = threads.getThreadAllocatedBytes(thread);
        for (double y : ys) {
            sum += Exp2.of(y);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(sum).isPositive();
        // StrictMath.pow allocates three arrays a call (about 7 MB here) until C2 removes them.
        assertThat(allocated).as("bytes allocated by %d calls", ys.length).isLessThan(64 * 1024);
    }

    @Test
    @Order(2)
    void scoreExponentsUniformOnMinusOneAndAHalfToZero() {
        Check check = new Check();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20_000_000; i++) {
            check.value(-1.5 * random.nextDouble());
        }
        check.assertNone();
    }

    @Test
    @Order(3)
    void randomBitsAndRandomExponents() {
        Check check = new Check();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 2_000_000; i++) {
            check.value(Double.longBitsToDouble(random.nextLong()));
        }
        // Every binade from 2^-60 to 2^11 (where results are neither 1 nor over/underflowed), both
        // signs, and with a zero low word (y = p_h, p_l = 0).
        for (int i = 0; i < 2_000_000; i++) {
            double y = Math.scalb(1.0 + random.nextDouble(), random.nextInt(-60, 12));
            y = random.nextBoolean() ? y : -y;
            check.value(y);
            check.value(Double.longBitsToDouble(Double.doubleToRawLongBits(y) & 0xFFFFFFFF00000000L));
        }
        // Subnormal results (y in [-1075, -1022]) and the last binade before overflow.
        for (int i = 0; i < 1_000_000; i++) {
            check.value(-1022 - 53 * random.nextDouble());
            check.value(1023 + random.nextDouble());
        }
        check.assertNone();
    }

    @Test
    @Order(4)
    void integersHalfIntegersAndTheirNeighbours() {
        Check check = new Check();
        // Integers are where z = n + f changes n, half-integers where |f| reaches 0.5; the range
        // covers overflow (1024) and underflow (-1022 normal, -1074 the least subnormal, -1075).
        for (int k = -1100; k <= 1100; k++) {
            check.around(k, 16);
            check.around(k + 0.5, 16);
        }
        for (double y : new double[] {1024, -1022, -1074, -1075, -1076, 1023, -1023}) {
            check.around(y, 4096);
        }
        check.assertNone();
    }

    @Test
    @Order(5)
    void specialValuesAndTheirNeighbours() {
        Check check = new Check();
        double[] specials = {
            0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            1, -1, 2, -2, 0.5, -0.5, 0x1p31, -0x1p31, 0x1p64, -0x1p64,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
            Double.MAX_VALUE, -Double.MAX_VALUE,
        };
        for (double y : specials) {
            check.around(y, 64);
        }
        // NaNs with other payloads and signs.
        check.value(Double.longBitsToDouble(0x7ff0000000000001L));
        check.value(Double.longBitsToDouble(0xfff8000000000000L));
        check.value(Double.longBitsToDouble(0x7ff00000ffffffffL));
        check.assertNone();
    }
}
