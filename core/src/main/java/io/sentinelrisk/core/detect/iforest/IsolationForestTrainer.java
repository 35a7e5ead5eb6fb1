package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;

import java.util.Objects;

/**
 * Fits an {@link IsolationForest} (Liu, Ting, Zhou 2008) the way scikit-learn does: each tree is
 * grown on ψ rows drawn from the data ({@link MaxSamples}) and up to a depth of ceil(log2 ψ).
 * Trees are grown in parallel, each from its own seed derived from {@code randomState} and its
 * index, so the model is the same whatever the number of threads.
 */
public final class IsolationForestTrainer implements DetectorTrainer {
    private final IsolationForestParams params;
    private final long randomState;
    private final boolean linkedLayout;

    public IsolationForestTrainer(IsolationForestParams params, long randomState) {
        this(params, randomState, false);
    }

    private IsolationForestTrainer(IsolationForestParams params, long randomState, boolean linkedLayout) {
        this.params = Objects.requireNonNull(params, "params");
        this.randomState = randomState;
        this.linkedLayout = linkedLayout;
    }

    /** Default parameters (100 trees, max_samples auto, all features, no bootstrap). */
    public static IsolationForestTrainer withDefaults(long randomState) {
        return new IsolationForestTrainer(IsolationForestParams.DEFAULTS, randomState);
    }

    public IsolationForestParams params() {
        return params;
    }

    public long randomState() {
        return randomState;
    }

    /** The same trainer storing every forest in the general node-array layout (for tests). */
    IsolationForestTrainer withLinkedLayout() {
        return new IsolationForestTrainer(params, randomState, true);
    }

    @Override
    public IsolationForest fit(Matrix x, int[] labels, int threads) {
        int rows = x.rows();
        int cols = x.cols();
        if (rows == 0) {
            throw new InputException("cannot fit an isolation forest on no rows");
        }
        if (cols == 0) {
            throw new InputException("cannot fit an isolation forest on rows without features");
        }
        requireFinite(x);
        int psi = params.maxSamples().resolve(rows);
        if (psi < 1) {
            throw new ConfigException("'max_samples': " + params.maxSamples().describe() + " of " + rows
                    + " rows is no sample per tree; expected a fraction in [" + (1.0 / rows) + ", 1]");
        }
        int featuresPerTree = params.maxFeatures().resolve(cols);
        int trees = params.nEstimators();
        int depth = PathLength.maxDepth(psi);
        double[] data = x.data();
        boolean bootstrap = params.bootstrap();

        // One task per thread, each with one grower (its scratch holds a copy of ψ rows): trees
        // cost about the same, so finer tasks would only multiply the scratch.
        int treesPerTask = Math.max(1, trees / Math.max(1, threads));
        Forest forest;
        if (!linkedLayout && depth <= CompleteForest.MAX_DEPTH) {
            int splits = (1 << depth) - 1;
            int[] feature = new int[Math.multiplyExact(trees, splits)];
            double[] threshold = new double[feature.length];
            double[] leaf = new double[Math.multiplyExact(trees, splits + 1)];
            Parallel.forRange(trees, threads, treesPerTask, (from, to) -> {
                TreeGrower grower = new TreeGrower(data, rows, cols, psi, featuresPerTree, bootstrap);
                for (int t = from; t < to; t++) {
                    grower.grow(SplitMix64.treeSeed(randomState, t));
                    grower.copyInto(t, feature, threshold, leaf);
                }
            });
            forest = new CompleteForest(trees, depth, feature, threshold, leaf);
        } else {
            LinkedForest.Tree[] grown = new LinkedForest.Tree[trees];
            Parallel.forRange(trees, threads, treesPerTask, (from, to) -> {
                TreeGrower grower = new TreeGrower(data, rows, cols, psi, featuresPerTree, bootstrap);
                for (int t = from; t < to; t++) {
                    grower.grow(SplitMix64.treeSeed(randomState, t));
                    grown[t] = grower.snapshot();
                }
            });
            forest = LinkedForest.of(grown);
        }
        return new IsolationForest(cols, psi, forest,
                new IsolationForest.Provenance(rows, featuresPerTree, bootstrap, randomState));
    }

    /** NaN or an infinity would make split thresholds meaningless: the pipeline imputes them first. */
    private static void requireFinite(Matrix x) {
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            // v - v is 0 for a finite v and NaN otherwise: no call, few bytecodes (this loop
            // often runs before the JIT has compiled anything).
            if (d[i] - d[i] != 0.0) {
                throw new InputException("isolation forest: prepared feature value " + d[i] + " at row "
                        + (i / x.cols() + 1) + ", feature " + (i % x.cols() + 1)
                        + "; expected a finite number (impute missing values first)");
            }
        }
    }

    @Override
    public String toString() {
        return "IsolationForestTrainer[n_estimators=" + params.nEstimators() + ", max_samples="
                + params.maxSamples().describe() + ", max_features=" + params.maxFeatures().describe()
                + ", bootstrap=" + params.bootstrap() + ", random_state=" + randomState + "]";
    }
}
