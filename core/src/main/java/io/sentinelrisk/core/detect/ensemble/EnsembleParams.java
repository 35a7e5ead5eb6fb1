package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ensemble's parameters: its members (each validated by its own detector's params record),
 * how their normalised scores combine, and the members' weights.
 *
 * @param members       at least one, none an ensemble (default: iforest, ecod, knn with their defaults)
 * @param combination   {@code combination}: average, max or rank_average (default average)
 * @param normalization {@code normalization}: robust_z or percentile (default robust_z; rank_average always uses percentile)
 * @param weights       {@code weights}: one weight ≥ 0 per member, at least one > 0; empty = equal weights (the default)
 */
public record EnsembleParams(List<Member> members, Combination combination, String normalization, List<Double> weights)
        implements DetectorParams {
    public static final List<Map<String, Object>> DEFAULT_MEMBERS =
            List.of(Map.of("type", "iforest"), Map.of("type", "ecod"), Map.of("type", "knn"));
    public static final Combination DEFAULT_COMBINATION = Combination.AVERAGE;
    public static final String DEFAULT_NORMALIZATION = "robust_z";
    public static final List<Double> DEFAULT_WEIGHTS = List.of();

    /**
     * One member: its detector, its parameter values as parsed and those values as the
     * detector's validated record.
     */
    public record Member(DetectorFactory factory, Params values, DetectorParams params) {
    }

    public EnsembleParams {
        String t = EnsembleFactory.TYPE;
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw ParamChecks.fail(t, "members", "at least one member", "an empty list");
        }
        Objects.requireNonNull(combination, "combination");
        if (!List.of("robust_z", "percentile").contains(normalization)) {
            throw ParamChecks.fail(t, "normalization", "robust_z or percentile", String.valueOf(normalization));
        }
        weights = List.copyOf(weights);
        if (!weights.isEmpty()) {
            if (weights.size() != members.size()) {
                throw ParamChecks.fail(t, "weights", members.size() + " weights (one per member)", String.valueOf(weights.size()));
            }
            double sum = 0;
            for (double w : weights) {
                if (!(w >= 0)) {
                    throw ParamChecks.fail(t, "weights", "weights ≥ 0", weights.toString());
                }
                sum += w;
            }
            if (!(sum > 0)) {
                throw ParamChecks.fail(t, "weights", "at least one weight > 0", weights.toString());
            }
        }
    }

    /** How member scores are normalised before they combine. */
    ScoreNormalizer.Kind normalizerKind() {
        return combination == Combination.RANK_AVERAGE || "percentile".equals(normalization)
                ? ScoreNormalizer.Kind.PERCENTILE : ScoreNormalizer.Kind.ROBUST_Z;
    }

    /** One weight per member (equal weights when none are given). */
    double[] weightArray() {
        double[] w = new double[members.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.isEmpty() ? 1.0 : weights.get(i);
        }
        return w;
    }
}
