package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.metrics.RankingMetrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Statistical behaviour on seeded data with planted outliers: orientation and range of scores. */
class IsolationForestOutlierTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void plantedOutliersScoreAboveInliers(long seed) {
        TestData.Labeled data = TestData.plantedOutliers(seed, 2000, 20, 5);
        IsolationForest model = IsolationForestTrainer.withDefaults(seed).fit(data.x(), null, 2);
        double[] scores = new double[data.x().rows()];
        model.score(data.x(), scores, 2);

        double[] inliers = Arrays.copyOf(scores, 2000);
        Arrays.sort(inliers);
        double inlierMedian = inliers[inliers.length / 2];
        double inlier99 = inliers[(int) (0.99 * inliers.length)];
        int above99 = 0;
        for (int r = 2000; r < scores.length; r++) {
            assertThat(scores[r]).as("outlier %d vs the inliers' median", r).isGreaterThan(inlierMedian);
            above99 += scores[r] > inlier99 ? 1 : 0;
        }
        // scikit-learn on the same design (seeds 1..8): 90-100% above the 99th percentile, AUC 0.9955-1.0
        assertThat(above99).as("outliers above the inliers' 99th percentile").isGreaterThanOrEqualTo(16);
        assertThat(RankingMetrics.rocAuc(scores, data.labels())).isGreaterThan(0.99);
        for (double s : scores) {
            assertThat(s).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        }
        // Typical rows score below 0.5 (scikit-learn: medians 0.42-0.43).
        assertThat(inlierMedian).isBetween(0.35, 0.5);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void outliersStillRankFirstWithSubsampledFeaturesAndBootstrap(long seed) {
        TestData.Labeled data = TestData.plantedOutliers(seed, 1500, 15, 6);
        IsolationForestParams params = IsolationForestParams.DEFAULTS
                .withMaxFeatures(MaxFeatures.fraction(0.5))
                .withBootstrap(true)
                .withMaxSamples(MaxSamples.count(128));
        IsolationForest model = new IsolationForestTrainer(params, seed).fit(data.x(), null, 2);
        assertThat(model.samplesPerTree()).isEqualTo(128);
        assertThat(model.maxDepth()).isEqualTo(7);
        assertThat(model.provenance().featuresPerTree()).isEqualTo(3);
        double[] scores = new double[data.x().rows()];
        model.score(data.x(), scores, 1);
        assertThat(RankingMetrics.rocAuc(scores, data.labels())).isGreaterThan(0.98);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void averagePathLengthIsShorterForOutliersAndConsistentWithTheScore(long seed) {
        TestData.Labeled data = TestData.plantedOutliers(seed, 1000, 10, 3);
        IsolationForest model = IsolationForestTrainer.withDefaults(seed).fit(data.x(), null, 1);
        Matrix x = data.x();
        double[] path = new double[x.rows()];
        double[] scores = new double[x.rows()];
        model.averagePathLength(x, path, 2);
        model.score(x, scores, 2);
        double c = PathLength.averagePathLength(model.samplesPerTree());
        double[] row = new double[x.cols()];
        for (int r = 0; r < x.rows(); r++) {
            assertThat(path[r]).isBetween(0.0, model.maxDepth() + c);
            assertThat(scores[r]).isCloseTo(Math.pow(2, -path[r] / c), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(model.averagePathLength(x.row(r, row))).isEqualTo(path[r]);
        }
        double inlierMean = Arrays.stream(path, 0, 1000).average().orElseThrow();
        double outlierMax = Arrays.stream(path, 1000, 1010).max().orElseThrow();
        assertThat(outlierMax).isLessThan(inlierMean);
    }
}
