package io.sentinelrisk.core.mapping;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessLineTest {
    @Test
    void wholeAmountsAreGroupedAsTheFormatterGroupsThem() {
        Random rnd = new Random(5);
        long[] edges = {0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, -1_234_567, 999_999_999_999_999L, -999_999_999_999_999L};
        for (long v : edges) {
            assertThat(BusinessLine.grouped(v)).isEqualTo(String.format(Locale.ROOT, "%,d", v));
        }
        for (int i = 0; i < 100_000; i++) {
            long v = (long) ((rnd.nextDouble() * 2 - 1) * Math.pow(10, rnd.nextInt(16)));
            assertThat(BusinessLine.grouped(v)).as("v = %d", v).isEqualTo(String.format(Locale.ROOT, "%,d", v));
        }
        assertThat(BusinessLine.money(15000, "USD")).isEqualTo("$15,000");
        assertThat(BusinessLine.money(1200.5, "EUR")).isEqualTo("€1,200.50");
    }
}
