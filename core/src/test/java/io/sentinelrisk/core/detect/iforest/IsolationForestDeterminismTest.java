package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.data.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Same data + same seed ⇒ the same model and bit-identical scores, whatever the thread count. */
@Tag("slow")
class IsolationForestDeterminismTest {
    private static final int[] THREADS = {1, 2, 3, 8};

    /** Enough rows for several scoring tasks per thread, and a partial last block. */
    private static final Matrix DATA = TestData.gaussian(99, 30_011, 4);

    @ParameterizedTest
    @ValueSource(longs = {0, 42, -7})
    void scoresAndBytesAreIdenticalForAnyThreadCount(long seed) {
        IsolationForestFactory factory = new IsolationForestFactory();
        byte[] reference = null;
        double[] referenceScores = null;
        for (int fitThreads : THREADS) {
            IsolationForest model = IsolationForestTrainer.withDefaults(seed).fit(DATA, null, fitThreads);
            byte[] bytes = factory.encode(model);
            if (reference == null) {
                reference = bytes;
            } else {
                assertThat(bytes).as("model fitted with %d threads", fitThreads).isEqualTo(reference);
            }
            for (int scoreThreads : THREADS) {
                double[] scores = new double[DATA.rows()];
                model.score(DATA, scores, scoreThreads);
                if (referenceScores == null) {
                    referenceScores = scores;
                } else {
                    assertThat(scores).as("fit %d threads, score %d threads", fitThreads, scoreThreads)
                            .isEqualTo(referenceScores);
                }
            }
        }
    }

    @Test
    void singleRowScoresEqualBatchScoresBitForBit() {
        IsolationForest model = IsolationForestTrainer.withDefaults(5).fit(DATA, null, 2);
        Matrix head = DATA.selectRows(java.util.stream.IntStream.range(0, 2000).toArray());
        double[] batch = new double[head.rows()];
        model.score(head, batch, 3);
        double[] row = new double[head.cols()];
        for (int r = 0; r < head.rows(); r++) {
            assertThat(model.score(head.row(r, row))).isEqualTo(batch[r]);
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        IsolationForestFactory factory = new IsolationForestFactory();
        Matrix x = TestData.gaussian(3, 3000, 3);
        byte[] a = factory.encode(IsolationForestTrainer.withDefaults(1).fit(x, null, 2));
        byte[] b = factory.encode(IsolationForestTrainer.withDefaults(1).fit(x, null, 1));
        byte[] c = factory.encode(IsolationForestTrainer.withDefaults(2).fit(x, null, 2));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void treesUseDifferentSamplesAndSplits() {
        // Per-tree seeds must give independent trees, not one tree repeated.
        IsolationForest model = new IsolationForestTrainer(IsolationForestParams.DEFAULTS.withNEstimators(2), 9)
                .fit(TestData.gaussian(4, 1000, 2), null, 1);
        CompleteForest forest = (CompleteForest) model.forest();
        int splits = (1 << forest.depth()) - 1;
        assertThat(forest.threshold()[0]).isNotEqualTo(forest.threshold()[splits]);
    }
}
