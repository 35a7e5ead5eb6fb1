package io.sentinelrisk.core.detect.hbos;

import io.sentinelrisk.core.util.SortedSearch;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class HbosBinTest {
    @Test
    void arithmeticBinEqualsTheSearchOfTheStoredEdgesOnAndAroundEveryEdge() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int bins = 2 + rnd.nextInt(60);
            double[] x = new double[50];
            for (int i = 0; i < x.length; i++) {
                x[i] = (rnd.nextDouble() - 0.3) * Math.pow(10, rnd.nextInt(-3, 6));
            }
            double[] e = Histogram.edges(x, bins);
            for (int k = 0; k <= bins; k++) {
                for (double v : new double[] {e[k], Math.nextUp(e[k]), Math.nextDown(e[k]),
                        e[0] + (e[bins] - e[0]) * rnd.nextDouble()}) {
                    if (v > e[0] && v <= e[bins]) {
                        assertThat(HbosModel.bin(e, v)).as("bins=%d v=%s", bins, v)
                                .isEqualTo(SortedSearch.countBelow(e, v) - 1);
                    }
                }
            }
        }
    }
}
