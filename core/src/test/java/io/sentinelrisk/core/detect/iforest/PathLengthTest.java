package io.sentinelrisk.core.detect.iforest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PathLengthTest {

    /** c(n) = 2 (ln(n-1) + γ) - 2 (n-1)/n, values worked out by hand (Python, math.log). */
    @ParameterizedTest
    @CsvSource({
            "0, 0.0",
            "1, 0.0",
            "2, 1.0",
            "3, 1.207392357589623",    // 2 (ln 2 + γ) - 4/3
            "10, 3.748880484475505",   // 2 (ln 9 + γ) - 18/10
            "256, 10.244770920119917", // 2 (ln 255 + γ) - 510/256
    })
    void averagePathLengthMatchesTheFormula(long n, double expected) {
        assertThat(PathLength.averagePathLength(n)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void averagePathLengthGrowsLikeTwiceTheLogarithm() {
        for (long n = 3; n < 100_000; n *= 3) {
            assertThat(PathLength.averagePathLength(n)).isGreaterThan(PathLength.averagePathLength(n - 1));
        }
        double big = PathLength.averagePathLength(1_000_000_000L);
        assertThat(big).isCloseTo(2 * (Math.log(1e9) + PathLength.EULER_GAMMA) - 2, within(1e-6));
    }

    /** The depth limit ceil(log2(max(psi, 2))) of scikit-learn. */
    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "3, 2", "4, 2", "5, 3", "255, 8", "256, 8", "257, 9", "4096, 12", "4097, 13",
            "286048, 19"})
    void maxDepthIsTheCeilingOfLog2(int psi, int depth) {
        assertThat(PathLength.maxDepth(psi)).isEqualTo(depth);
        assertThat(PathLength.maxDepth(psi)).isEqualTo((int) Math.ceil(Math.log(Math.max(psi, 2)) / Math.log(2)));
    }

    @Test
    void scoreIsTwoToTheMinusNormalisedMeanPathLength() {
        double c256 = 10.244770920119917;
        // 100 trees, mean path length 5: 2^(-5 / c(256)) = 0.71298623996852...
        assertThat(PathLength.score(500.0, 100, 256)).isCloseTo(0.7129862399685243, within(1e-12));
        // mean path length = c(psi): exactly 0.5, the score of an average row
        assertThat(PathLength.score(100 * c256, 100, 256)).isCloseTo(0.5, within(1e-12));
        // isolated at the root of every tree: 1
        assertThat(PathLength.score(0.0, 100, 256)).isEqualTo(1.0);
        // deeper = less anomalous
        assertThat(PathLength.score(800.0, 100, 256)).isLessThan(PathLength.score(700.0, 100, 256));
        // single-sample trees have c = 0: scikit-learn scores every row 0.5
        assertThat(PathLength.score(0.0, 10, 1)).isEqualTo(0.5);
    }
}
