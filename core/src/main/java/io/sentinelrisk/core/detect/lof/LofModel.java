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
 * {@code -negative_outlier_factor_}.
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
     * The local reachability density of {@code duplicates: weighted} (Breunig et al.'s neighbourhood
     * of a k-distinct-distance, every object counted): the neighbours at {@code dist/idx[off..off+k)}
     * weigh {@code weight[idx]} objects each, and {@code own} more objects sit at distance 0 with
     * k-distance {@code ownKd} (so their reach-distance is {@code ownKd}). With {@code weight} null,
     * scikit-learn's {@link #reachDensity(double[], int[], int, int, double[])}.
     */
    static double reachDensity(double[] dist, int[] idx, int off, int k, double[] kDistance, double[] weight, double own,
                               double ownKd) {
        if (weight == null) {
            return reachDensity(dist, idx, off, k, kDistance);
        }
        double sum = own * ownKd;
        double objects = own;
        for (int j = 0; j < k; j++) {
            double w = weight[idx[off + j]];
            sum += w * Math.max(dist[off + j], kDistance[idx[off + j]]);
            objects += w;
        }
        return 1.0 / (sum / objects + 1e-10);
    }

    /**
     * The local outlier factor of {@code duplicates: weighted}: the mean of {@code lrd(o) / lrdSelf}
     * over the neighbourhood's objects, {@code own} of them with density {@code ownLrd}. With
     * {@code weight} null, {@link #factor(int[], int, int, double[], double)}.
     */
    static double factor(int[] idx, int off, int k, double[] lrd, double lrdSelf, double[] weight, double own, double ownLrd) {
        if (weight == null) {
            return factor(idx, off, k, lrd, lrdSelf);
        }
        double sum = own * (ownLrd / lrdSelf);
        double objects = own;
        for (int j = 0; j < k; j++) {
            double w = weight[idx[off + j]];
            sum += w * (lrd[idx[off + j]] / lrdSelf);
            objects += w;
        }
        return sum / objects;
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
        double ownKd = ownPoint < 0 ? 0 : kDistance[ownPoint];
        double ownLrd = ownPoint < 0 ? 0 : lrd[ownPoint];
        double self = reachDensity(dist, idx, off, k(), kDistance, weights(), own, ownKd);
        return factor(idx, off, k(), lrd, self, weights(), own, ownLrd);
    }
}
