package io.sentinelrisk.core.detect.lof;

import io.sentinelrisk.core.detect.neighbors.Duplicates;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;
import io.sentinelrisk.core.detect.neighbors.NeighborModel;

/**
 * A fitted LOF: the training rows, their k-distances and local reachability densities (lrd).
 * A new row x with k nearest training rows N: {@code reach(x, o) = max(dist(x, o), kdist(o))},
 * {@code lrd(x) = 1 / (mean reach + 1e-10)}, score {@code = mean_o lrd(o) / lrd(x)} — exactly
 * scikit-learn's {@code -score_samples} with {@code novelty=True}. The training rows' own scores
 * (fit time, each row left out of its neighbours) equal scikit-learn's
 * {@code -negative_outlier_factor_}. With {@code duplicates: weighted} the points are the
 * distinct rows and a row's copies only enter the mean of density ratios
 * ({@link #factor(int[], int, int, double[], double, double, double)}).
 */
public final class LofModel extends NeighborModel {
    private final double[] kDistance;
    private final double[] lrd;

    LofModel(NeighborIndex index, double[] points, int k, double[] kDistance, double[] lrd, double[] trainingScores,
             Duplicates duplicates, int[] rowOf) {
        super(index, points, k, trainingScores, duplicates, rowOf);
        this.kDistance = kDistance;
        this.lrd = lrd;
    }

    /** scikit-learn's local reachability density of the neighbourhood at {@code dist/idx[off..off+k)}. */
    static double reachDensity(double[] dist, int[] idx, int off, int k, double[] kDistance) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.max(dist[off + j], kDistance[idx[off + j]]);
        }
        return 1.0 / (sum / k + 1e-10);
    }

    /**
     * The local outlier factor of {@code duplicates: weighted}: the mean of {@code lrd(o) / lrdSelf}
     * over the k neighbours at {@code idx[off..off+k)}, each once, and {@code own} more objects at
     * the row's own place with density {@code ownLrd} (the row's copies). For a training row
     * {@code ownLrd == lrdSelf}, so each copy adds a ratio of exactly 1 and the score is
     * {@code (k × LOF + own) / (k + own)}, the distinct rule's LOF drawn towards 1 by the copies.
     * With {@code own} 0, {@link #factor(int[], int, int, double[], double)}.
     */
    static double factor(int[] idx, int off, int k, double[] lrd, double lrdSelf, double own, double ownLrd) {
        if (own == 0) {
            return factor(idx, off, k, lrd, lrdSelf);
        }
        double sum = own * (ownLrd / lrdSelf);
        for (int j = 0; j < k; j++) {
            sum += lrd[idx[off + j]] / lrdSelf;
        }
        return sum / (own + k);
    }

    /** The mean of {@code lrd(o) / lrdSelf} over the neighbours (scikit-learn's order of operations). */
    static double factor(int[] idx, int off, int k, double[] lrd, double lrdSelf) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += lrd[idx[off + j]] / lrdSelf;
        }
        return sum / k;
    }

    @Override
    public String type() {
        return LofFactory.TYPE;
    }

    double[] kDistance() {
        return kDistance.clone();
    }

    double[] lrd() {
        return lrd.clone();
    }

    @Override
    protected double scoreOf(double[] dist, int[] idx, int off, double own, int ownPoint) {
        // weighted: the density is the distinct rule's (each distinct neighbour once); only the
        // row's own copies count again, in the mean of density ratios (see Duplicates)
        double self = reachDensity(dist, idx, off, k(), kDistance);
        return factor(idx, off, k(), lrd, self, own, ownPoint < 0 ? 0 : lrd[ownPoint]);
    }
}
