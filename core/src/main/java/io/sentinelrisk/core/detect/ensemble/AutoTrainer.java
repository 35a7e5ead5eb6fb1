package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.Seeds;
import io.sentinelrisk.core.detect.support.TrainingScores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fits every candidate (candidate i with a seed derived from the pipeline's seed and i),
 * normalises its training scores, measures each candidate's agreement with the others
 * ({@link Agreement}) and keeps those {@link CandidateChoice} picks: above {@code min_agreement}
 * (all, when none is), at most {@code max_members} of them. With a clean baseline it fits the
 * clean members instead (same seeds) and keeps them all: robust z, averaged.
 */
final class AutoTrainer implements DetectorTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(AutoTrainer.class);

    private final AutoParams params;
    private final long seed;
    private final List<DetectorTrainer> trainers;

    AutoTrainer(AutoParams params, long seed) {
        this.params = params;
        this.seed = seed;
        boolean clean = params.baseline() == Baseline.CLEAN;
        this.trainers = trainers(clean ? params.cleanMembers() : params.members(), clean ? "clean_members" : "members", seed);
    }

    private static List<DetectorTrainer> trainers(List<EnsembleParams.Member> members, String key, long seed) {
        List<DetectorTrainer> trainers = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            EnsembleParams.Member m = members.get(i);
            long memberSeed = Seeds.derive(seed, i);
            trainers.add(EnsembleFactory.memberConfig(AutoFactory.TYPE, key, "member " + (i + 1) + " (" + m.factory().type() + ")",
                    () -> m.factory().trainer(m.values(), memberSeed)));
        }
        return List.copyOf(trainers);
    }

    @Override
    public AutoModel fit(Matrix x, int[] labels, int threads) {
        AutoModel model = params.baseline() == Baseline.CLEAN ? fitClean(x, labels, threads) : fitUnknown(x, labels, threads);
        LOG.info(model.describe());
        return model;
    }

    /**
     * A clean baseline: every clean member is fitted and kept, normalised by robust z against its own
     * training scores, and the mean is the score. Nothing is chosen: agreement with a consensus
     * guards against members misled by anomalies among the training rows, which are declared absent.
     */
    private AutoModel fitClean(Matrix x, int[] labels, int threads) {
        List<FittedDetector> fitted = new ArrayList<>();
        List<ScoreNormalizer> normalizers = new ArrayList<>();
        List<AutoModel.Candidate> members = new ArrayList<>();
        for (int c = 0; c < trainers.size(); c++) {
            FittedDetector m = trainers.get(c).fit(x, labels, threads);
            fitted.add(m);
            normalizers.add(ScoreNormalizer.fit(ScoreNormalizer.Kind.ROBUST_Z, TrainingScores.of(m, x, threads)));
            members.add(new AutoModel.Candidate(label(params.cleanMembers().get(c)), Double.NaN, true));
        }
        double[] weights = new double[fitted.size()];
        java.util.Arrays.fill(weights, 1.0);
        EnsembleModel kept = new EnsembleModel(fitted, normalizers, weights, Combination.AVERAGE);
        return new AutoModel(kept, members, params.minAgreement(), params.maxMembers(), "robust_z", Baseline.CLEAN);
    }

    private AutoModel fitUnknown(Matrix x, int[] labels, int threads) {
        ScoreNormalizer.Kind kind = params.normalizerKind();
        int count = trainers.size();
        List<FittedDetector> fitted = new ArrayList<>();
        List<ScoreNormalizer> normalizers = new ArrayList<>();
        int[] rows = Agreement.sample(x.rows(), params.agreementSample(), Seeds.derive(seed, count));
        double[][] z = new double[count][rows.length];
        for (int c = 0; c < count; c++) {
            FittedDetector m = trainers.get(c).fit(x, labels, threads);
            double[] scores = TrainingScores.of(m, x, threads);
            ScoreNormalizer n = ScoreNormalizer.fit(kind, scores);
            fitted.add(m);
            normalizers.add(n);
            for (int i = 0; i < rows.length; i++) {
                z[c][i] = n.apply(scores[rows[i]]);
            }
        }
        double[] agreement = Agreement.leaveOneOut(z);
        boolean[] keep = CandidateChoice.keep(agreement, params.minAgreement(), params.maxMembers());
        List<FittedDetector> keptMembers = new ArrayList<>();
        List<ScoreNormalizer> keptNormalizers = new ArrayList<>();
        List<AutoModel.Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            if (keep[c]) {
                keptMembers.add(fitted.get(c));
                keptNormalizers.add(normalizers.get(c));
            }
            candidates.add(new AutoModel.Candidate(label(params.members().get(c)), agreement[c], keep[c]));
        }
        double[] weights = new double[keptMembers.size()];
        java.util.Arrays.fill(weights, 1.0);
        EnsembleModel kept = new EnsembleModel(keptMembers, keptNormalizers, weights, params.combination());
        return new AutoModel(kept, candidates, params.minAgreement(), params.maxMembers(), params.normalization(),
                Baseline.UNKNOWN);
    }

    /** The member's type and the parameters that differ from its defaults, e.g. {@code knn(n_neighbors=20, method=mean)}. */
    static String label(EnsembleParams.Member m) {
        Map<String, Object> defaults = Params.defaults(m.factory().params()).asMap();
        StringBuilder b = new StringBuilder(m.factory().type());
        String sep = "(";
        for (Map.Entry<String, Object> e : m.values().asMap().entrySet()) {
            if (!java.util.Objects.equals(defaults.get(e.getKey()), e.getValue())) {
                b.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
        }
        return sep.equals(", ") ? b.append(')').toString() : b.toString();
    }
}
