package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.TreeEnsemble;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;

import java.util.Objects;

/**
 * A fitted isolation forest: immutable, thread-safe, holding only its trees (no training data).
 *
 * <p>The score of a row x is scikit-learn's {@code -score_samples(x)}:
 * s(x) = 2^(-E(h(x)) / c(ψ)), where h is the row's path length in a tree (edges from the root to
 * its leaf, plus c(training samples in that leaf)), E the mean over the trees and c the average
 * path length of {@link PathLength}. s is in (0, 1]; higher = more anomalous, about 0.5 for a
 * typical row.
 *
 * <p>Rows are scored in parallel and in blocks; each row's path lengths are summed in tree
 * order, so scores are bit-identical for any thread count. A NaN feature value goes left at
 * every split (the trainer refuses NaN; the pipeline imputes before scoring).
 */
public final class IsolationForest implements FittedDetector, TreeEnsemble {
    public static final String TYPE = "iforest";

    /** Rows below which scoring stays on the calling thread: a thread costs more than it saves. */
    private static final int MIN_ROWS_PER_TASK = 4096;

    /**
     * Where the model came from: the number of rows it was fitted on, how many features each tree
     * was allowed, whether rows were drawn with replacement, and the seed.
     */
    public record Provenance(int trainingRows, int featuresPerTree, boolean bootstrap, long randomState) {
    }

    private final int featureCount;
    private final int samplesPerTree;
    private final Forest forest;
    private final Provenance provenance;
    /** n_estimators · c(ψ): the sum of path lengths divided by this is the exponent of the score. */
    private final double denominator;

    IsolationForest(int featureCount, int samplesPerTree, Forest forest, Provenance provenance) {
        this.featureCount = featureCount;
        this.samplesPerTree = samplesPerTree;
        this.forest = Objects.requireNonNull(forest, "forest");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.denominator = forest.trees() * PathLength.averagePathLength(samplesPerTree);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int featureCount() {
        return featureCount;
    }

    /** The number of trees ({@code n_estimators}). */
    public int trees() {
        return forest.trees();
    }

    /** ψ: the training rows each tree was grown on (scikit-learn's {@code max_samples_}). */
    public int samplesPerTree() {
        return samplesPerTree;
    }

    /** The depth limit of the trees, ceil(log2 ψ). */
    public int maxDepth() {
        return PathLength.maxDepth(samplesPerTree);
    }

    public Provenance provenance() {
        return provenance;
    }

    Forest forest() {
        return forest;
    }

    @Override
    public double score(double[] row) {
        requireWidth(row.length);
        return toScore(forest.pathSum(row, 0));
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        walk(x, out, threads, true);
    }

    @Override
    public String importanceKind() {
        return "split_count";
    }

    @Override
    public double[] featureImportances() {
        return splitShare();
    }

    /**
     * How often each feature is split on, over all trees, as a share of all splits (sums to 1):
     * a split-count feature importance. Each split's feature is drawn at random among those that
     * vary in the node's rows, so the shares mostly say which features vary where the trees grew
     * (a constant feature gets 0); they are not a gain like a supervised forest's importance.
     */
    public double[] splitShare() {
        long[] counts = new long[featureCount];
        forest.countSplits(counts);
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] share = new double[featureCount];
        for (int j = 0; j < featureCount; j++) {
            share[j] = total == 0 ? 0 : (double) counts[j] / total;
        }
        return share;
    }

    /** E(h(x)): the row's path length averaged over the trees (lower = isolated sooner = odder). */
    public double averagePathLength(double[] row) {
        requireWidth(row.length);
        return forest.pathSum(row, 0) / forest.trees();
    }

    /** {@link #averagePathLength(double[])} of every row of {@code x}, into {@code out}. */
    public void averagePathLength(Matrix x, double[] out, int threads) {
        walk(x, out, threads, false);
    }

    /** Path-length sums of every row, then turned into scores or averages by the same task. */
    private void walk(Matrix x, double[] out, int threads, boolean asScore) {
        requireWidth(x.cols());
        if (out.length < x.rows()) {
            throw new IllegalArgumentException("output has " + out.length + " slots for " + x.rows() + " rows");
        }
        double[] data = x.data();
        int cols = x.cols();
        double trees = forest.trees();
        Parallel.forRange(x.rows(), threads, MIN_ROWS_PER_TASK, (from, to) -> {
            forest.pathSums(data, cols, from, to, out);
            for (int r = from; r < to; r++) {
                out[r] = asScore ? toScore(out[r]) : out[r] / trees;
            }
        });
    }

    private double toScore(double pathSum) {
        return PathLength.score(pathSum, denominator);
    }

    private void requireWidth(int width) {
        if (width != featureCount) {
            throw new InputException("isolation forest: expected rows of " + featureCount
                    + " prepared features, found " + width);
        }
    }

    @Override
    public String toString() {
        return "IsolationForest[trees=" + trees() + ", samples_per_tree=" + samplesPerTree
                + ", features=" + featureCount + ", " + provenance + "]";
    }
}
