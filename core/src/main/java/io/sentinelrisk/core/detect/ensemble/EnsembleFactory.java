package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorCatalog;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;
import io.sentinelrisk.core.error.InputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ensemble}: several detectors fitted on the same rows, their scores normalised by
 * statistics of their own training scores and combined.
 *
 * <pre>
 * detector:
 *   type: ensemble
 *   members:
 *     - {type: hbos, n_bins: 20}
 *     - {type: lof, n_neighbors: 35}
 *   combination: average      # average | max | rank_average
 *   weights: [1, 2]           # optional
 * </pre>
 */
public final class EnsembleFactory implements DetectorFactory {
    public static final String TYPE = "ensemble";

    /** Where member types are looked up (the product's registry, which lists this factory too). */
    private final DetectorCatalog catalog;
    private final EnsembleCodec codec;

    public EnsembleFactory(DetectorCatalog catalog) {
        this.catalog = catalog;
        this.codec = new EnsembleCodec(catalog);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Ensemble of detectors: member scores normalised on their training scores (robust z or percentile) and combined (average, max, rank_average)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                new ParamSpec("members", ParamSpec.Kind.MAP_LIST, EnsembleParams.DEFAULT_MEMBERS,
                        "the member detectors, each a mapping with its type and its own parameters; "
                                + "member i is fitted with seed derived from the pipeline's seed and i", null),
                ParamSpec.ofChoice("combination", EnsembleParams.DEFAULT_COMBINATION.configName(),
                        "average: weighted mean of the normalised scores; max: "
                        + "their maximum; rank_average: weighted mean of each member's training percentile",
                        "average", "max", "rank_average"),
                ParamSpec.ofChoice("normalization", EnsembleParams.DEFAULT_NORMALIZATION,
                        "for average and max: robust_z = (score - median) / "
                        + "(1.4826 × MAD) of the member's training scores; percentile = fraction of its training "
                        + "scores below (rank_average always uses percentile)", "robust_z", "percentile"),
                ParamSpec.ofDoubleList("weights", EnsembleParams.DEFAULT_WEIGHTS, "one weight ≥ 0 per member for average and "
                        + "rank_average; empty = equal weights"));
    }

    @Override
    public EnsembleParams paramsOf(Params params) {
        return new EnsembleParams(members(params), Combination.byConfigName(params.getString("combination")),
                params.getString("normalization"), params.getDoubleList("weights"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new EnsembleTrainer(paramsOf(params), seed);
    }

    private List<EnsembleParams.Member> members(Params params) {
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> raw = (List<Map<?, ?>>) params.get("members");
        return members(catalog, TYPE, "members", raw);
    }

    /**
     * The members of a combining detector ({@code owner}: ensemble or auto) listed under {@code key},
     * each validated by its own detector; a combining detector cannot be a member.
     */
    static List<EnsembleParams.Member> members(DetectorCatalog catalog, String owner, String key, List<Map<?, ?>> raw) {
        List<EnsembleParams.Member> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Map<?, ?> m = raw.get(i);
            String where = "member " + (i + 1);
            if (!(m.get("type") instanceof String type)) {
                throw ParamChecks.fail(owner, key, where + " to have a type (one of "
                        + String.join(", ", catalog.types()) + ")", "none");
            }
            if (type.equals(TYPE) || type.equals(AutoFactory.TYPE)) {
                throw ParamChecks.fail(owner, key, where + " to be a detector other than ensemble and auto", type);
            }
            DetectorFactory f;
            try {
                f = catalog.byType(type);
            } catch (InputException e) {
                throw ParamChecks.fail(owner, key, where + " type to be one of "
                        + String.join(", ", catalog.types()), "'" + type + "'");
            }
            Map<String, Object> rest = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!"type".equals(k)) {
                    rest.put(String.valueOf(k), v);
                }
            });
            String member = where + " (" + type + ")";
            Params values = memberConfig(owner, key, member, () -> Params.parse(rest, f.params(), "detector (" + type + ")"));
            out.add(new EnsembleParams.Member(f, values, memberConfig(owner, key, member, () -> f.paramsOf(values))));
        }
        return out;
    }

    /** Runs a member's own validation, naming the member in any ConfigException (about key {@code members}). */
    static <T> T memberConfig(String member, Supplier<T> step) {
        return memberConfig(TYPE, "members", member, step);
    }

    /** As above for a member listed under {@code key} of detector {@code owner}. */
    static <T> T memberConfig(String owner, String key, String member, Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigException e) {
            throw ConfigException.forKey(key, "'" + key + "' in detector (" + owner + "), " + member + ": " + e.getMessage());
        }
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return codec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return codec.decode(bytes, partName);
    }
}
