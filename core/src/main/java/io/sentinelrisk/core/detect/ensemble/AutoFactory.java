package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.Baseline;
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
 * combined. With {@code baseline: clean} (the training rows are declared free of anomalies) it
 * fits {@code clean_members} instead and averages their robust z scores, with no choice.
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
                        "training rows (a seeded sample) the agreement is measured on (≥ 100)"),
                ParamSpec.ofChoice(Baseline.PARAM, AutoParams.DEFAULT_BASELINE.configName(),
                        "what the training rows are declared to be: unknown = they may hold anomalies (members chosen "
                                + "by agreement, as above); clean = free of anomalies, as a baseline of normal activity "
                                + "(scikit-learn's novelty detection): the mean of the clean_members' robust z scores",
                        Baseline.UNKNOWN.configName(), Baseline.CLEAN.configName()),
                new ParamSpec("clean_members", ParamSpec.Kind.MAP_LIST, AutoParams.DEFAULT_CLEAN_MEMBERS,
                        "with baseline clean: the detectors fitted, each a mapping with its type and its own parameters "
                                + "(at least one); each is normalised by robust z against its training scores and the "
                                + "mean is the score; member i is fitted with seed derived from the pipeline's seed and i",
                        null));
    }

    @Override
    public AutoParams paramsOf(Params params) {
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> raw = (List<Map<?, ?>>) params.get("members");
        Baseline baseline = Baseline.byConfigName(params.getString(Baseline.PARAM));
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> clean = (List<Map<?, ?>>) params.get("clean_members");
        // The default clean list is resolved only when it is fitted: an auto whose baseline is
        // unknown (every bundle written before the baseline existed) never depends on its detectors.
        boolean resolveClean = baseline == Baseline.CLEAN || !AutoParams.DEFAULT_CLEAN_MEMBERS.equals(clean);
        return new AutoParams(EnsembleFactory.members(catalog, TYPE, "members", raw), params.getString("normalization"),
                Combination.byConfigName(params.getString("combination")), params.getDouble("min_agreement"),
                params.getInt("max_members"), params.getInt("agreement_sample"), baseline,
                resolveClean ? EnsembleFactory.members(catalog, TYPE, "clean_members", clean) : List.of());
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
