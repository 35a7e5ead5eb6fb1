package io.sentinelrisk.core.detect.iforest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The walk on keys (for the quick compiler) gives the path sums of the walk on doubles, bit for bit. */
class CompleteForestKeyWalkTest {
    /** Values where a comparison could go wrong: both zeros, infinities, NaN, extremes, ties. */
    private static final double[] EDGES = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 1.0, -1.0, 1e-300, -1e300};

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void keyWalkEqualsDoubleWalk(int depth) {
        Random rnd = new Random(depth);
        int trees = 7;
        int cols = 5;
        int splits = (1 << depth) - 1;
        int[] feature = new int[trees * splits];
        double[] threshold = new double[trees * splits];
        double[] leaf = new double[trees * (1 << depth)];
        for (int i = 0; i < feature.length; i++) {
            feature[i] = rnd.nextInt(cols);
            threshold[i] = pick(rnd);
        }
        for (int i = 0; i < leaf.length; i++) {
            leaf[i] = rnd.nextInt(depth + 1) + rnd.nextDouble();
        }
        CompleteForest forest = new CompleteForest(trees, depth, feature, threshold, leaf);
        int rows = 3001;   // several blocks and a ragged end
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(3) == 0 ? threshold[rnd.nextInt(threshold.length)] : pick(rnd);
        }
        double[] byDoubles = new double[rows];
        double[] byKeys = new double[rows];
        forest.pathSums(x, cols, 0, rows, byDoubles);
        forest.keyPathSums(x, cols, 0, rows, byKeys);
        assertThat(byKeys).isEqualTo(byDoubles);
        for (int r = 0; r < rows; r += 97) {
            assertThat(byKeys[r]).isEqualTo(forest.pathSum(x, r * cols));
        }
        double[] part = new double[rows];
        forest.keyPathSums(x, cols, 5, 13, part);
        for (int r = 5; r < 13; r++) {
            assertThat(part[r]).isEqualTo(byDoubles[r]);
        }
    }

    @Test
    void keysOrderAsDoublesCompare() {
        Random rnd = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            double a = pick(rnd);
            double b = pick(rnd);
            if (Double.isNaN(b)) {
                continue;   // thresholds are never NaN in a trained forest; NaN rows are covered above
            }
            long ka = CompleteForest.key(a);
            long kb = CompleteForest.key(b);
            assertThat(ka > kb).as("%s > %s", a, b).isEqualTo(a > b);
        }
    }

    /** A double that is often an edge case (both zeros, infinities, NaN, extremes), else Gaussian, small whole or any bits. */
    static double pick(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> EDGES[rnd.nextInt(EDGES.length)];
            case 1 -> rnd.nextGaussian();
            case 2 -> rnd.nextInt(5) - 2.0;
            default -> Double.longBitsToDouble(rnd.nextLong());
        };
    }
}
