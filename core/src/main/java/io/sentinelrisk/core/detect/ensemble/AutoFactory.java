package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorCatalog;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;

import java.util.List;
import java.util.Map;

/**
 * {@code auto}: an ensemble that chooses its members without labels. Every candidate is fitted;
 * a candidate whose ranking of the training rows disagrees with the other candidates' consensus
 * (Spearman correlation at most {@code min_agreement}) is dropped, and of the rest at most
 * {@code max_members}, the most agreeing, are kept; the kept members' normalised scores are
 * combined.
 *
 * <pre>
 * detector:
 *   type: auto
 *   min_agreement: 0.3
 *   members:                     # the candidates
 *     - {type: iforest}
 *     - {type: lof, n_neighbors: 35}
 * </pre>
 */
public final class AutoFactory implements DetectorFactory {
    public static final String TYPE = "auto";

    private final DetectorCatalog catalog;
    private final AutoCodec codec;

    public AutoFactory(DetectorCatalog catalog) {
        this.catalog = catalog;
        this.codec = new AutoCodec(new EnsembleCodec(catalog));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Ensemble that picks its members without labels: candidates whose training-score ranking disagrees with "
                + "the other candidates' consensus are dropped; the most agreeing of the rest are normalised and combined";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                new ParamSpec("members", ParamSpec.Kind.MAP_LIST, AutoParams.DEFAULT_MEMBERS,
                        "the candidate detectors, each a mapping with its type and its own parameters; candidate i "
                                + "is fitted with seed derived from the pipeline's seed and i", null),
                ParamSpec.ofChoice("normalization", AutoParams.DEFAULT_NORMALIZATION,
                        "robust_z = (score - median) / (1.4826 × MAD) of the candidate's training scores; percentile = "
                                + "fraction of its training scores below", "robust_z", "percentile"),
                ParamSpec.ofChoice("combination", AutoParams.DEFAULT_COMBINATION.configName(),
                        "average: mean of the kept members' normalised scores; max: their maximum", "average", "max"),
                ParamSpec.ofDouble("min_agreement", AutoParams.DEFAULT_MIN_AGREEMENT,
                        "a candidate is kept when the Spearman correlation of its training scores with the mean of "
                                + "the other candidates' normalised training scores is above this, in [-1, 1); when "
                                + "none is, all are kept"),
                ParamSpec.ofInt("max_members", AutoParams.DEFAULT_MAX_MEMBERS,
                        "of the candidates above min_agreement, at most this many are kept, those with the highest "
                                + "agreement (ties: the earlier candidate); ≥ 1"),
                ParamSpec.ofInt("agreement_sample", AutoParams.DEFAULT_AGREEMENT_SAMPLE,
                        "training rows (a seeded sample) the agreement is measured on (≥ 100)"));
    }

    @Override
    public AutoParams paramsOf(Params params) {
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> raw = (List<Map<?, ?>>) params.get("members");
        return new AutoParams(EnsembleFactory.members(catalog, TYPE, raw), params.getString("normalization"),
                Combination.byConfigName(params.getString("combination")), params.getDouble("min_agreement"),
                params.getInt("max_members"), params.getInt("agreement_sample"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new AutoTrainer(paramsOf(params), seed);
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
