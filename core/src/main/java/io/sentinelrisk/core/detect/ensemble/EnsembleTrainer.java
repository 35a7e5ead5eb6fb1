package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.Seeds;
import io.sentinelrisk.core.detect.support.TrainingScores;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits every member on the same rows (member i with a seed derived from the pipeline's seed and
 * i), then a normaliser of each member's training scores.
 */
final class EnsembleTrainer implements DetectorTrainer {
    private final EnsembleParams params;
    private final List<DetectorTrainer> trainers = new ArrayList<>();

    EnsembleTrainer(EnsembleParams params, long seed) {
        this.params = params;
        for (int i = 0; i < params.members().size(); i++) {
            EnsembleParams.Member m = params.members().get(i);
            long memberSeed = Seeds.derive(seed, i);
            trainers.add(EnsembleFactory.memberConfig("member " + (i + 1) + " (" + m.factory().type() + ")",
                    () -> m.factory().trainer(m.values(), memberSeed)));
        }
    }

    @Override
    public EnsembleModel fit(Matrix x, int[] labels, int threads) {
        ScoreNormalizer.Kind kind = params.normalizerKind();
        List<FittedDetector> fitted = new ArrayList<>();
        List<ScoreNormalizer> normalizers = new ArrayList<>();
        for (DetectorTrainer t : trainers) {
            FittedDetector m = t.fit(x, labels, threads);
            fitted.add(m);
            normalizers.add(ScoreNormalizer.fit(kind, TrainingScores.of(m, x, threads)));
        }
        return new EnsembleModel(fitted, normalizers, params.weightArray(), params.combination());
    }
}
