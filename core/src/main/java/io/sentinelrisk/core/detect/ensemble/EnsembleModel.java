package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.util.Parallel;

import java.util.List;

/**
 * A fitted ensemble: its members, each with the normaliser learned from its training scores,
 * and how their normalised scores combine.
 */
public final class EnsembleModel implements FittedDetector, TrainingScores.LeaveOneOut {
    private final List<FittedDetector> members;
    private final List<ScoreNormalizer> normalizers;
    private final double[] weights;
    private final Combination combination;
    private final int d;

    EnsembleModel(List<FittedDetector> members, List<ScoreNormalizer> normalizers, double[] weights, Combination combination) {
        this.members = List.copyOf(members);
        this.normalizers = List.copyOf(normalizers);
        this.weights = weights;
        this.combination = combination;
        this.d = members.get(0).featureCount();
    }

    @Override
    public String type() {
        return EnsembleFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return d;
    }

    public List<FittedDetector> members() {
        return members;
    }

    public Combination combination() {
        return combination;
    }

    List<ScoreNormalizer> normalizers() {
        return normalizers;
    }

    double[] weights() {
        return weights.clone();
    }

    /** One member's normalised score of a raw score, as the ensemble uses it. */
    public double normalise(int member, double rawScore) {
        return normalizers.get(member).apply(rawScore);
    }

    @Override
    public double score(double[] row) {
        BatchScoring.checkFeatures(type(), d, row.length);
        double[] z = new double[members.size()];
        for (int m = 0; m < z.length; m++) {
            z[m] = normalizers.get(m).apply(members.get(m).score(row));
        }
        return combination.combine(z, weights);
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), d, x.cols());
        double[][] raw = new double[members.size()][x.rows()];
        for (int m = 0; m < raw.length; m++) {
            members.get(m).score(x, raw[m], threads);
        }
        combine(raw, out, threads);
    }

    @Override
    public void scoreTrainingRows(Matrix trainingRows, double[] out, int threads) {
        double[][] raw = new double[members.size()][];
        for (int m = 0; m < raw.length; m++) {
            raw[m] = TrainingScores.of(members.get(m), trainingRows, threads);
        }
        combine(raw, out, threads);
    }

    private void combine(double[][] raw, double[] out, int threads) {
        int n = raw[0].length;
        Parallel.forRange(n, threads, 4096, (from, to) -> {
            double[] z = new double[raw.length];
            for (int i = from; i < to; i++) {
                for (int m = 0; m < raw.length; m++) {
                    z[m] = normalizers.get(m).apply(raw[m][i]);
                }
                out[i] = combination.combine(z, weights);
            }
        });
    }
}
