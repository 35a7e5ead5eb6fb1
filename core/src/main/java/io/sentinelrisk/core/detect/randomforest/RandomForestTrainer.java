package io.sentinelrisk.core.detect.randomforest;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.Labels;
import io.sentinelrisk.core.detect.support.Seeds;
import io.sentinelrisk.core.util.Parallel;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits the trees in parallel. Tree {@code t} draws everything from its own generator seeded with
 * {@code derive(seed, t)}, so the forest does not depend on the thread count.
 */
final class RandomForestTrainer implements DetectorTrainer {
    private final int trees;
    private final int maxDepth;
    private final int minSplit;
    private final int minLeaf;
    private final MaxFeatures maxFeatures;
    private final boolean balanced;
    private final boolean bootstrap;
    private final long seed;

    RandomForestTrainer(RandomForestParams p, long seed) {
        this(p.nEstimators(), p.maxDepth(), p.minSamplesSplit(), p.minSamplesLeaf(), p.maxFeatures(), p.balanced(),
                p.bootstrap(), seed);
    }

    private RandomForestTrainer(int trees, int maxDepth, int minSplit, int minLeaf, MaxFeatures maxFeatures,
                        boolean balanced, boolean bootstrap, long seed) {
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.minSplit = minSplit;
        this.minLeaf = minLeaf;
        this.maxFeatures = maxFeatures;
        this.balanced = balanced;
        this.bootstrap = bootstrap;
        this.seed = seed;
    }

    @Override
    public FittedDetector fit(Matrix x, int[] labels, int threads) {
        int n = x.rows();
        int d = x.cols();
        int positives = Labels.requireBinary(RandomForestFactory.TYPE, labels, n);
        // scikit-learn's class_weight='balanced': n / (classes × rows of the class), on the whole training set
        double w0 = balanced ? n / (2.0 * (n - positives)) : 1;
        double w1 = balanced ? n / (2.0 * positives) : 1;
        int k = maxFeatures.resolve(d);
        double[] columns = TreeBuilder.featureMajor(x.data(), n, d);
        // sorted once for all trees, when presorting pays even at the root (see TreeBuilder)
        int[][] byValue = d <= 2.0 * k * (Math.log(Math.max(n, 2)) / Math.log(2)) ? TreeBuilder.sortedRows(columns, n, d) : null;
        Tree[] out = new Tree[trees];
        double[][] importances = new double[trees][];
        Parallel.forRange(trees, threads, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                SplittableRandom rnd = new SplittableRandom(Seeds.derive(seed, t));
                double[] weight = new double[n];
                if (bootstrap) {
                    for (int i = 0; i < n; i++) {
                        weight[rnd.nextInt(n)] += 1;
                    }
                } else {
                    java.util.Arrays.fill(weight, 1);
                }
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (weight[i] > 0) {
                        m++;
                    }
                }
                int[] rows = new int[m];
                m = 0;
                for (int i = 0; i < n; i++) {
                    if (weight[i] > 0) {
                        weight[i] *= labels[i] == 1 ? w1 : w0;
                        rows[m++] = i;
                    }
                }
                double[] importance = new double[d];
                out[t] = new TreeBuilder(columns, byValue, n, d, labels, weight, rows, maxDepth, minLeaf, minSplit, k, rnd, importance).build();
                importances[t] = normalised(importance);
            }
        });
        double[] mean = new double[d];
        for (double[] imp : importances) {
            for (int j = 0; j < d; j++) {
                mean[j] += imp[j];
            }
        }
        return new RandomForestModel(d, List.of(out), normalised(mean));
    }

    private static double[] normalised(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t;
        }
        if (s > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= s;
            }
        }
        return v;
    }
}
