package io.sentinelrisk.core.detect.lof;

import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parts of format 2 stored other densities for {@code duplicates: weighted}: they are refused, the other rules still read. */
class LofCodecTest {

    /** A format-2 part over 1-D rows 0, 0, 1, 3, 7 (four points), k = 2. */
    private static byte[] version2(String duplicates) {
        return new BinaryWriter(LofCodec.MAGIC, 2)
                .writeInt(1)
                .writeInt(2)
                .writeString("euclidean")
                .writeDoubles(new double[] {0, 1, 3, 7})
                .writeDoubles(new double[] {3, 2, 3, 6})
                .writeDoubles(new double[] {0.4, 1 / 3.0, 0.4, 0.2})
                .writeDoubles(new double[] {1, 1, 1, 1, 2})
                .writeString(duplicates)
                .writeInts(new int[] {0, 0, 1, 2, 3})
                .toByteArray();
    }

    @Test
    void aWeightedPartOfFormat2IsRefusedWithTheRemedy() {
        assertThatThrownBy(() -> LofCodec.decode(version2("weighted"), "detector.lof"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("detector.lof")
                .hasMessageContaining("train the bundle again");
    }

    @Test
    void distinctAndKeepPartsOfFormat2StillRead() {
        LofModel m = LofCodec.decode(version2("distinct"), "detector.lof");
        assertThat(m.pointCount()).isEqualTo(4);
        assertThat(m.score(new double[] {5.5})).isCloseTo(1.35, org.assertj.core.api.Assertions.within(1e-8));
    }
}
