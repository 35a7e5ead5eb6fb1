package io.sentinelrisk.core.util;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTest {
    /** Ties of the tenth and their neighbours, tiny, large, signed zeros, NaN, infinities, and random values over many scales. */
    private static List<Double> values() {
        Random rnd = new Random(7);
        List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, 0.05, -0.05, 0.15, 0.25, 0.35, 999.95, -999.95, 1e-300,
                -1e-300, 1000.0, -1000.0, 999_999.95, 1e6, 1e6 + 0.05, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
        for (int i = -20_000; i <= 20_000; i++) {
            double tie = i / 20.0;
            xs.addAll(List.of(tie, Math.nextUp(tie), Math.nextDown(tie)));
        }
        for (int i = 0; i < 200_000; i++) {
            xs.add((rnd.nextDouble() * 2 - 1) * 1000 * Math.pow(10, rnd.nextInt(12) - 8));
        }
        return xs;
    }

    @Test
    void signedOneDecimalIsTheFormattersPlusPointOne() {
        for (double z : values()) {
            assertThat(Decimals.signedOneDecimal(z)).as("z = %s", z).isEqualTo(String.format(Locale.ROOT, "%+.1f", z));
        }
    }

    @Test
    void oneDecimalIsTheFormattersPointOne() {
        for (double x : values()) {
            assertThat(Decimals.oneDecimal(x)).as("x = %s", x).isEqualTo(String.format(Locale.ROOT, "%.1f", x));
        }
    }
}
