package io.sentinelrisk.core.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every double is written as Double.toString writes it, the 16- and 17-digit ones by LongDecimal. */
class LongDecimalTest {
    private final byte[] buf = new byte[64];

    /** The doubles whose text differs from Double.toString's (at most 20 of them shown). */
    private List<String> wrong(DoubleSupplier values, int count) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double v = values.getAsDouble();
            String expected = Double.toString(v);
            int end = CsvWriter.putDouble(v, buf, 3);
            String actual = new String(buf, 3, end - 3, StandardCharsets.US_ASCII);
            if (!actual.equals(expected) && wrong.size() < 20) {
                wrong.add(Double.doubleToRawLongBits(v) + " " + expected + ": " + actual);
            }
        }
        return wrong;
    }

    @Test
    void scoresInTheUnitIntervalAreDoubleToStringsText() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(wrong(random::nextDouble, 2_000_000)).isEmpty();
        assertThat(wrong(() -> 0.3 + 0.4 * random.nextDouble(), 1_000_000)).isEmpty();
    }

    @Test
    void everyDecadeOfThePlainRangeAndAroundIt() {
        SplittableRandom random = new SplittableRandom(2);
        // mantissas uniform over [1, 10), scales 1e-5 .. 1e9: 16 and 17 digits at every scale, both signs
        assertThat(wrong(() -> {
            double v = (1 + 9 * random.nextDouble()) * Math.pow(10, random.nextInt(-5, 10));
            return random.nextBoolean() ? v : -v;
        }, 2_000_000)).isEmpty();
    }

    @Test
    void randomBitPatternsOfEveryExponent() {
        SplittableRandom random = new SplittableRandom(3);
        assertThat(wrong(() -> Double.longBitsToDouble(random.nextLong()), 2_000_000)).isEmpty();
        // subnormals
        assertThat(wrong(() -> Double.longBitsToDouble(random.nextLong(1L << 52)), 100_000)).isEmpty();
    }

    @Test
    void neighboursOfPowersOfTenAndTwoAndOfShortDecimals() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1e-3, 1e7,
                0.1 + 0.2, 1 / 3.0, 2 / 3.0, 0.9999999999999999, 9999999.999999998));
        for (int e = -1100; e <= 1030; e++) {
            values.add(Math.scalb(1.0, e));
        }
        for (int e = -12; e <= 12; e++) {
            values.add(Double.parseDouble("1e" + e));
        }
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 20_000; i++) {
            // short decimals (1-15 digits) at every scale of the plain range
            values.add(Double.parseDouble(random.nextLong(1, 1_000_000_000_000_000L) + "E-" + random.nextInt(0, 19)));
        }
        List<Double> all = new ArrayList<>();
        for (double v : values) {
            double up = v;
            double down = v;
            all.add(v);
            all.add(-v);
            for (int i = 0; i < 4; i++) {
                up = Math.nextUp(up);
                down = Math.nextDown(down);
                all.add(up);
                all.add(down);
            }
        }
        int[] i = {0};
        assertThat(wrong(() -> all.get(i[0]++), all.size())).isEmpty();
    }

    @Test
    void nearlyEveryComputedScoreIsWrittenWithoutDoubleToString() {
        // LongDecimal must not quietly leave its doubles to the fallback: that would be right but slow
        SplittableRandom random = new SplittableRandom(5);
        int taken = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double v = 0.3 + 0.4 * random.nextDouble();
            if (CsvWriter.Shortest.write(v, buf, 0) >= 0 || LongDecimal.write(v, buf, 0) >= 0) {
                taken++;
            }
        }
        assertThat(taken).isGreaterThan(n - n / 1000);
    }
}
