package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of {@code auto}: the candidate members, how their training scores are
 * normalised and combined, and how much a candidate must agree with the others to be kept.
 *
 * @param members         candidates, at least two, none a combining detector (default
 *                        {@link #DEFAULT_MEMBERS}; {@code hbos}, a candidate until the choice by
 *                        leave-one-family-out, can still be listed)
 * @param normalization   {@code normalization}: robust_z or percentile (default {@value #DEFAULT_NORMALIZATION})
 * @param combination     {@code combination}: average or max of the kept members' normalised scores
 *                        (default max)
 * @param minAgreement    {@code min_agreement}: a candidate is kept when the Spearman correlation of its
 *                        training scores with the mean of the other candidates' normalised training
 *                        scores is above this, in [-1, 1) (default {@value #DEFAULT_MIN_AGREEMENT})
 * @param maxMembers      {@code max_members}: of the candidates above {@code min_agreement}, at most
 *                        this many are kept, the most agreeing first, ≥ 1 (default {@value #DEFAULT_MAX_MEMBERS})
 * @param agreementSample {@code agreement_sample}: training rows (a seeded sample) the agreement is
 *                        measured on, ≥ 100 (default {@value #DEFAULT_AGREEMENT_SAMPLE})
 * @param baseline        {@code baseline}: unknown (the default: the candidates above are chosen by
 *                        agreement) or clean (the training rows are declared free of anomalies: the
 *                        clean members are fitted and averaged, the candidates and the keys above are
 *                        not used)
 * @param cleanMembers    {@code clean_members}: what a clean baseline fits, at least one (default
 *                        {@link #DEFAULT_CLEAN_MEMBERS}); empty when the baseline is unknown and the
 *                        list is the default, which is only resolved when it is used
 */
public record AutoParams(List<EnsembleParams.Member> members, String normalization, Combination combination,
                         double minAgreement, int maxMembers, int agreementSample, Baseline baseline,
                         List<EnsembleParams.Member> cleanMembers) implements DetectorParams {
    public static final List<Map<String, Object>> DEFAULT_MEMBERS = List.of(
            Map.of("type", "iforest"), Map.of("type", "ecod"), Map.of("type", "knn"),
            Map.of("type", "knn", "n_neighbors", 20, "method", "mean"));
    public static final String DEFAULT_NORMALIZATION = "robust_z";
    public static final Combination DEFAULT_COMBINATION = Combination.MAX;
    public static final double DEFAULT_MIN_AGREEMENT = 0.5;
    public static final int DEFAULT_MAX_MEMBERS = 3;
    public static final int DEFAULT_AGREEMENT_SAMPLE = 20_000;
    public static final Baseline DEFAULT_BASELINE = Baseline.UNKNOWN;
    /**
     * With a clean baseline: the mean of the robust z scores of knn and a Gaussian KDE was above
     * every single detector, chosen for each held-out family leaving one family out
     * (docs/accuracy.md).
     */
    public static final List<Map<String, Object>> DEFAULT_CLEAN_MEMBERS = List.of(Map.of("type", "knn"), Map.of("type", "kde"));

    public AutoParams {
        String t = AutoFactory.TYPE;
        members = List.copyOf(members);
        if (members.size() < 2) {
            throw ParamChecks.fail(t, "members", "at least two candidates", members.size() + "");
        }
        if (!List.of("robust_z", "percentile").contains(normalization)) {
            throw ParamChecks.fail(t, "normalization", "robust_z or percentile", String.valueOf(normalization));
        }
        Objects.requireNonNull(combination, "combination");
        if (combination == Combination.RANK_AVERAGE) {
            throw ParamChecks.fail(t, "combination", "average or max", "rank_average");
        }
        ParamChecks.doubleIn(t, "min_agreement", minAgreement, -1, true, 1, false);
        ParamChecks.intAtLeast(t, "max_members", maxMembers, 1);
        ParamChecks.intAtLeast(t, "agreement_sample", agreementSample, 100);
        Objects.requireNonNull(baseline, "baseline");
        cleanMembers = List.copyOf(cleanMembers);
        if (baseline == Baseline.CLEAN && cleanMembers.isEmpty()) {
            throw ParamChecks.fail(t, "clean_members", "at least one member", "none");
        }
    }

    ScoreNormalizer.Kind normalizerKind() {
        return "percentile".equals(normalization) ? ScoreNormalizer.Kind.PERCENTILE : ScoreNormalizer.Kind.ROBUST_Z;
    }
}
