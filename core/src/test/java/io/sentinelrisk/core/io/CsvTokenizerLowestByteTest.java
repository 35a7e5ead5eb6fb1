package io.sentinelrisk.core.io;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The branch-free index of the lowest marked byte, against {@link Long#numberOfTrailingZeros}. */
class CsvTokenizerLowestByteTest {
    private static final long HIGH_BITS = 0x8080808080808080L;

    @Test
    void everyLowestByteWithAnyHigherBytesMarked() {
        Random rnd = new Random(3);
        for (int k = 0; k < 8; k++) {
            long lowest = 0x80L << (8 * k);
            for (int i = 0; i < 1_000; i++) {
                long above = k == 7 ? 0 : rnd.nextLong() & HIGH_BITS & (-1L << (8 * (k + 1)));
                long marks = lowest | above;
                assertThat(CsvTokenizer.lowestByte(marks)).as(Long.toHexString(marks))
                        .isEqualTo(Long.numberOfTrailingZeros(marks) >>> 3).isEqualTo(k);
            }
        }
    }
}
