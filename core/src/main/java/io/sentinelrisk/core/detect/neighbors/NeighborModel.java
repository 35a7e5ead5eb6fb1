package io.sentinelrisk.core.detect.neighbors;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.detect.support.TrainingScores;

/**
 * What the fitted neighbour detectors share: the training rows as their reference set (they
 * need them to score), an exact index over them, k, and the training rows' own scores, computed
 * at fit time with each row left out of its own neighbours. A subclass says how a row's k
 * nearest training rows make its score.
 */
public abstract class NeighborModel implements FittedDetector, TrainingScores.LeaveOneOut {
    private final double[] points;
    private final int k;
    private final NeighborIndex index;
    private final double[] trainingScores;
    private final Duplicates duplicates;
    private final int[] rowOf;

    /**
     * {@code index} must be built over {@code points}, which nobody may modify afterwards.
     *
     * @param trainingScores one per training row
     * @param duplicates     how copies of training rows were treated
     * @param rowOf          with {@link Duplicates#DISTINCT} and copies in the training rows: the
     *                       point (distinct row) of every training row; null when the points are
     *                       the training rows themselves
     */
    protected NeighborModel(NeighborIndex index, double[] points, int k, double[] trainingScores, Duplicates duplicates,
                            int[] rowOf) {
        this.points = points;
        this.k = k;
        this.index = index;
        this.trainingScores = trainingScores;
        this.duplicates = duplicates;
        this.rowOf = rowOf;
    }

    /** How copies of training rows were treated. */
    public final Duplicates duplicates() {
        return duplicates;
    }

    /** A copy of the point of every training row, or null when the points are the training rows. */
    public final int[] rowOf() {
        return rowOf == null ? null : rowOf.clone();
    }

    /** How many reference points (distinct training rows with {@link Duplicates#DISTINCT}). */
    public final int pointCount() {
        return index.size();
    }

    /** The score of a row whose k nearest training rows are {@code neighbors}' (nearest first). */
    protected abstract double scoreOf(NeighborQuery neighbors);

    @Override
    public final int featureCount() {
        return index.dimensions();
    }

    /** The neighbourhood size in use. */
    public final int k() {
        return k;
    }

    public final Metric metric() {
        return index.metric();
    }

    /** A copy of the reference points (the training rows, or their distinct rows), row-major. */
    public final double[] points() {
        return points.clone();
    }

    /** A copy of the training rows' leave-one-out scores. */
    public final double[] trainingScores() {
        return trainingScores.clone();
    }

    @Override
    public final double score(double[] row) {
        BatchScoring.checkFeatures(type(), featureCount(), row.length);
        NeighborQuery q = index.newQuery(k);
        index.search(row, 0, k, -1, q);
        return scoreOf(q);
    }

    @Override
    public final void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), featureCount(), x.cols());
        index.searchEach(x.data(), x.rows(), k, threads, (i, found) -> out[i] = scoreOf(found));
    }

    @Override
    public final void scoreTrainingRows(Matrix trainingRows, double[] out, int threads) {
        if (trainingRows.cols() != featureCount() || !DistinctRows.sameRows(trainingRows.data(), featureCount(), points, rowOf)) {
            throw new IllegalArgumentException("these are not the rows the model was fitted on");
        }
        System.arraycopy(trainingScores, 0, out, 0, trainingScores.length);
    }
}
