package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.data.Matrix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The novelty prior: Platt scaling of the novelty signals, and its noisy-OR with the booster. */
class NoveltyPriorTest {
    private static final List<String> NAMES = List.of("x0", HybridJudge.AE_ERROR, "score:iforest");

    /** Rows of judge inputs: anomalies have a larger reconstruction error and detector score. */
    private static Matrix rows(int n, int[] y, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[n * 3];
        for (int i = 0; i < n; i++) {
            y[i] = i % 20 == 0 ? 1 : 0;
            d[i * 3] = r.nextGaussian();
            d[i * 3 + 1] = Math.exp(r.nextGaussian() + (y[i] == 1 ? 2.5 : 0));
            d[i * 3 + 2] = 0.4 + 0.05 * r.nextGaussian() + (y[i] == 1 ? 0.2 : 0);
        }
        return new Matrix(n, 3, d);
    }

    @Test
    void learnsThatOdderRowsAreLikelierAnomaliesAndIsCalibrated() {
        int[] y = new int[4000];
        Matrix x = rows(4000, y, 1);
        NoveltyPrior p = NoveltyPrior.fit(x, y, NAMES, HybridJudge.noveltyInputs(List.of("iforest")));
        assertThat(p.inputs()).containsExactly(HybridJudge.AE_ERROR, "score:iforest");
        assertThat(p.weights()[0]).isPositive();
        assertThat(p.weights()[1]).isPositive();
        double[] q = p.probability(x, p.columns(NAMES));
        // calibrated on its own rows: the mean probability is the share of anomalies (a logistic fit's property)
        double mean = java.util.Arrays.stream(q).average().orElseThrow();
        assertThat(mean).isCloseTo(0.05, within(0.002));
        // deterministic: the same rows give the same model
        NoveltyPrior again = NoveltyPrior.fit(x, y, NAMES, HybridJudge.noveltyInputs(List.of("iforest")));
        assertThat(again.weights()).containsExactly(p.weights());
        assertThat(again.bias()).isEqualTo(p.bias());
    }

    /**
     * Two detectors that both see the anomalies, the second also firing on a share of normal rows
     * the first finds ordinary: given the first, the second's score is higher on normal rows, so an
     * unconstrained fit gives it a negative weight ("odd that way = normal"). The prior keeps it at 0.
     */
    @Test
    void neverGivesAnOdderRowALowerProbability() {
        List<String> names = List.of(HybridJudge.AE_ERROR, "score:a", "score:b");
        int n = 4000;
        int[] y = new int[n];
        double[] d = new double[n * 3];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            y[i] = i % 20 == 0 ? 1 : 0;
            double a = r.nextGaussian() + (y[i] == 1 ? 3 : 0);
            d[i * 3] = Math.exp(r.nextGaussian());
            d[i * 3 + 1] = a;
            d[i * 3 + 2] = y[i] == 1 ? a : a + (i % 3 == 0 ? 4 : 0) + 0.1 * r.nextGaussian();
        }
        Matrix x = new Matrix(n, 3, d);
        NoveltyPrior p = NoveltyPrior.fit(x, y, names, List.of(HybridJudge.AE_ERROR, "score:a", "score:b"));
        assertThat(p.weights()[1]).isPositive();
        assertThat(p.weights()[2]).isZero();
        assertThat(p.weights()[0]).isGreaterThanOrEqualTo(0);
        // raising any signal never lowers the probability
        Matrix odder = new Matrix(1, 3, new double[] {1, 0, 6});
        Matrix base = new Matrix(1, 3, new double[] {1, 0, 0});
        assertThat(p.probability(odder, p.columns(names))[0]).isGreaterThanOrEqualTo(p.probability(base, p.columns(names))[0]);
    }

    @Test
    void noisyOrFlagsWhatEitherSideFindsLikely() {
        double[] booster = {0.0, 0.9, 0.0, 0.5};
        HybridJudge.noisyOr(booster, new double[] {0.0, 0.0, 0.8, 0.5});
        assertThat(booster).containsExactly(new double[] {0.0, 0.9, 0.8, 0.75}, within(1e-12));
    }
}
