package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.metrics.RankingMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The complete (fixed-depth) and the linked (node array) layouts hold the same trees. */
class TreeLayoutTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 17, 256, 1000})
    void bothLayoutsGiveIdenticalScores(int maxSamples) {
        TestData.Labeled data = TestData.plantedOutliers(maxSamples, 1200, 12, 3);
        IsolationForestTrainer trainer = new IsolationForestTrainer(
                IsolationForestParams.DEFAULTS.withNEstimators(40).withMaxSamples(MaxSamples.count(maxSamples)), 77);
        IsolationForest complete = trainer.fit(data.x(), null, 2);
        IsolationForest linked = trainer.withLinkedLayout().fit(data.x(), null, 2);
        assertThat(complete.forest()).isInstanceOf(CompleteForest.class);
        assertThat(linked.forest()).isInstanceOf(LinkedForest.class);
        double[] a = new double[data.x().rows()];
        double[] b = new double[data.x().rows()];
        complete.score(data.x(), a, 2);
        linked.score(data.x(), b, 2);
        assertThat(b).isEqualTo(a);
        // Rows never seen in training too (values beyond the training range included).
        Matrix fresh = TestData.gaussian(5, 500, 3);
        double[] c = new double[500];
        double[] d = new double[500];
        complete.score(fresh, c, 1);
        linked.score(fresh, d, 1);
        assertThat(d).isEqualTo(c);
    }

    @Test
    void deepTreesUseTheLinkedLayoutAndStillRankOutliersFirst() {
        TestData.Labeled data = TestData.plantedOutliers(8, 6000, 30, 4);
        IsolationForestParams params = IsolationForestParams.DEFAULTS
                .withNEstimators(20).withMaxSamples(MaxSamples.fraction(0.9));
        IsolationForest model = new IsolationForestTrainer(params, 8).fit(data.x(), null, 2);
        assertThat(model.samplesPerTree()).isEqualTo((int) (0.9 * 6030));
        assertThat(model.maxDepth()).isEqualTo(13);
        assertThat(model.forest()).isInstanceOf(LinkedForest.class);
        double[] scores = new double[data.x().rows()];
        model.score(data.x(), scores, 2);
        assertThat(RankingMetrics.rocAuc(scores, data.labels())).isGreaterThan(0.999);
    }

    @Test
    void paddedLeavesKeepThePathLengthOfTheEarlyLeaf() {
        // Two distinct rows repeated: the root split isolates them, each leaf holds many copies
        // of one row at depth 1: path length 1 + c(copies) for every row, in every tree.
        double[] v = new double[400];
        for (int i = 0; i < 200; i++) {
            v[2 * i] = i % 2;
            v[2 * i + 1] = 5.0;
        }
        Matrix x = new Matrix(200, 2, v);
        IsolationForest model = new IsolationForestTrainer(
                IsolationForestParams.DEFAULTS.withNEstimators(10).withMaxSamples(MaxSamples.count(200)), 1)
                .fit(x, null, 1);
        double expected = 1 + PathLength.averagePathLength(100);
        assertThat(model.averagePathLength(new double[]{0.0, 5.0})).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(model.averagePathLength(new double[]{1.0, 5.0})).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
    }
}
