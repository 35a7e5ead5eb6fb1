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
    /** With {@link Duplicates#WEIGHTED} and copies: how many training rows each point stands for; else null. */
    private final double[] weight;
    /** Points a query searches: one more than k with weights, since a point at distance 0 is the row's own place. */
    private final int width;

    /**
     * {@code index} must be built over {@code points}, which nobody may modify afterwards.
     *
     * @param trainingScores one per training row
     * @param duplicates     how copies of training rows were treated
     * @param rowOf          with {@link Duplicates#DISTINCT} or {@link Duplicates#WEIGHTED} and copies in the training rows: the
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
        this.weight = duplicates == Duplicates.WEIGHTED ? DistinctRows.multiplicities(rowOf, index.size()) : null;
        this.width = weight == null ? k : k + 1;
    }

    /**
     * With {@link Duplicates#WEIGHTED} and copies in the training rows: how many training rows
     * each point stands for (the array itself, never modified); null otherwise, when every
     * neighbour counts once.
     */
    protected final double[] weights() {
        return weight;
    }

    /** How copies of training rows were treated. */
    public final Duplicates duplicates() {
        return duplicates;
    }

    /** A copy of the point of every training row, or null when the points are the training rows. */
    public final int[] rowOf() {
        return rowOf == null ? null : rowOf.clone();
    }

    /** How many reference points (the distinct training rows unless {@link Duplicates#KEEP}). */
    public final int pointCount() {
        return index.size();
    }

    /**
     * The score of a row whose k nearest other points are {@code dist/idx[off..off+k)} (nearest
     * first). With {@link #weights()}, the row also has {@code own} objects at its own place
     * (distance 0), which are copies of point {@code ownPoint} (-1 when {@code own} is 0): a training
     * row's other copies, or the copies of the training row a new row is identical to. The same rule
     * makes the fit-time scores and the scores of new rows.
     */
    protected abstract double scoreOf(double[] dist, int[] idx, int off, double own, int ownPoint);

    private double scoreOf(NeighborQuery found) {
        if (weight == null) {
            return scoreOf(found.distances(), found.indices(), 0, 0, -1);
        }
        // The k-distinct-distance: a point at distance 0 is the row's own place, not one of its k.
        if (found.distances()[0] == 0) {
            int p = found.indices()[0];
            return scoreOf(found.distances(), found.indices(), 1, weight[p], p);
        }
        return scoreOf(found.distances(), found.indices(), 0, 0, -1);
    }

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
        NeighborQuery q = index.newQuery(width);
        index.search(row, 0, width, -1, q);
        return scoreOf(q);
    }

    @Override
    public final void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), featureCount(), x.cols());
        index.searchEach(x.data(), x.rows(), width, threads, (i, found) -> out[i] = scoreOf(found));
    }

    @Override
    public final void scoreTrainingRows(Matrix trainingRows, double[] out, int threads) {
        if (trainingRows.cols() != featureCount() || !DistinctRows.sameRows(trainingRows.data(), featureCount(), points, rowOf)) {
            throw new IllegalArgumentException("these are not the rows the model was fitted on");
        }
        System.arraycopy(trainingScores, 0, out, 0, trainingScores.length);
    }
}
