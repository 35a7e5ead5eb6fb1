package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.data.Matrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The split-count importance: the same in both tree layouts, padding not counted, constant features 0. */
class SplitShareTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 256})
    void sameInBothLayoutsSumsToOneAndSkipsConstantFeatures(int maxSamples) {
        TestData.Labeled data = TestData.plantedOutliers(maxSamples, 1200, 12, 3);
        // a fourth, constant column: no tree can split on it
        Matrix x = withConstantColumn(data.x());
        IsolationForestTrainer trainer = new IsolationForestTrainer(
                IsolationForestParams.DEFAULTS.withNEstimators(30).withMaxSamples(MaxSamples.count(maxSamples)), 5);
        IsolationForest complete = trainer.fit(x, null, 1);
        IsolationForest linked = trainer.withLinkedLayout().fit(x, null, 1);
        double[] a = complete.splitShare();
        double[] b = linked.splitShare();
        assertThat(b).containsExactly(a);
        assertThat(Arrays.stream(a).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(a[3]).isZero();
        for (int j = 0; j < 3; j++) {
            assertThat(a[j]).as("feature %d", j).isGreaterThan(0.2);
        }
        // reading the shares leaves the model as it was
        double[] before = new double[x.rows()];
        complete.score(x, before, 1);
        complete.splitShare();
        double[] after = new double[x.rows()];
        complete.score(x, after, 1);
        assertThat(after).containsExactly(before);
    }

    private static Matrix withConstantColumn(Matrix x) {
        double[] out = new double[x.rows() * (x.cols() + 1)];
        for (int i = 0; i < x.rows(); i++) {
            System.arraycopy(x.data(), i * x.cols(), out, i * (x.cols() + 1), x.cols());
            out[i * (x.cols() + 1) + x.cols()] = 7.0;
        }
        return new Matrix(x.rows(), x.cols() + 1, out);
    }
}
