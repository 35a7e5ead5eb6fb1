package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorCatalog;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;
import io.sentinelrisk.core.detect.support.Seeds;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.error.InputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private static final String MAGIC = "ENSM";
    private static final int VERSION = 1;

    /** Where member types are looked up (the product's registry, which lists this factory too). */
    private final DetectorCatalog catalog;

    public EnsembleFactory(DetectorCatalog catalog) {
        this.catalog = catalog;
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
                new ParamSpec("members", ParamSpec.Kind.MAP_LIST,
                        List.of(Map.of("type", "iforest"), Map.of("type", "ecod"), Map.of("type", "knn")),
                        "the member detectors, each a mapping with its type and its own parameters; "
                                + "member i is fitted with seed derived from the pipeline's seed and i", null),
                ParamSpec.ofChoice("combination", "average", "average: weighted mean of the normalised scores; max: "
                        + "their maximum; rank_average: weighted mean of each member's training percentile",
                        "average", "max", "rank_average"),
                ParamSpec.ofChoice("normalization", "robust_z", "for average and max: robust_z = (score - median) / "
                        + "(1.4826 × MAD) of the member's training scores; percentile = fraction of its training "
                        + "scores below (rank_average always uses percentile)", "robust_z", "percentile"),
                ParamSpec.ofDoubleList("weights", List.of(), "one weight ≥ 0 per member for average and "
                        + "rank_average; empty = equal weights"));
    }

    /** A member as configured: its factory, validated parameters and position. */
    private record Member(DetectorFactory factory, Params params) {
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        ParamChecks checks = ParamChecks.of(params, TYPE);
        List<Member> members = members(params, checks);
        Combination combination = Combination.byConfigName(params.getString("combination"));
        ScoreNormalizer.Kind kind = combination == Combination.RANK_AVERAGE
                || "percentile".equals(params.getString("normalization"))
                ? ScoreNormalizer.Kind.PERCENTILE : ScoreNormalizer.Kind.ROBUST_Z;
        double[] weights = weights(params.getDoubleList("weights"), members.size(), checks);
        List<DetectorTrainer> trainers = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            long memberSeed = Seeds.derive(seed, i);
            trainers.add(memberConfig("member " + (i + 1) + " (" + m.factory().type() + ")",
                    () -> m.factory().trainer(m.params(), memberSeed)));
        }
        return (x, labels, threads) -> fit(trainers, kind, weights, combination, x, labels, threads);
    }

    private static EnsembleModel fit(List<DetectorTrainer> trainers, ScoreNormalizer.Kind kind, double[] weights,
                                     Combination combination, Matrix x, int[] labels, int threads) {
        List<FittedDetector> fitted = new ArrayList<>();
        List<ScoreNormalizer> normalizers = new ArrayList<>();
        for (DetectorTrainer t : trainers) {
            FittedDetector m = t.fit(x, labels, threads);
            fitted.add(m);
            normalizers.add(ScoreNormalizer.fit(kind, TrainingScores.of(m, x, threads)));
        }
        return new EnsembleModel(fitted, normalizers, weights, combination);
    }

    private List<Member> members(Params params, ParamChecks checks) {
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> raw = (List<Map<?, ?>>) params.get("members");
        if (raw.isEmpty()) {
            throw checks.fail("members", "at least one member", "an empty list");
        }
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Map<?, ?> m = raw.get(i);
            String where = "member " + (i + 1);
            if (!(m.get("type") instanceof String type)) {
                throw checks.fail("members", where + " to have a type (one of " + String.join(", ", catalog.types()) + ")",
                        "none");
            }
            if (type.equals(TYPE)) {
                throw checks.fail("members", where + " to be a detector other than ensemble", "ensemble");
            }
            DetectorFactory f;
            try {
                f = catalog.byType(type);
            } catch (InputException e) {
                throw checks.fail("members", where + " type to be one of " + String.join(", ", catalog.types()), "'" + type + "'");
            }
            Map<String, Object> rest = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!"type".equals(k)) {
                    rest.put(String.valueOf(k), v);
                }
            });
            out.add(new Member(f, memberConfig(where + " (" + type + ")",
                    () -> Params.parse(rest, f.params(), "detector (" + type + ")"))));
        }
        return out;
    }

    /** Runs a member's own validation, naming the member in any ConfigException. */
    private static <T> T memberConfig(String member, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigException e) {
            throw new ConfigException("'members' in detector (ensemble), " + member + ": " + e.getMessage());
        }
    }

    private static double[] weights(List<Double> given, int members, ParamChecks checks) {
        double[] w = new double[members];
        if (given.isEmpty()) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        if (given.size() != members) {
            throw checks.fail("weights", members + " weights (one per member)", String.valueOf(given.size()));
        }
        double sum = 0;
        for (int i = 0; i < members; i++) {
            w[i] = given.get(i);
            if (w[i] < 0) {
                throw checks.fail("weights", "weights ≥ 0", given.toString());
            }
            sum += w[i];
        }
        if (!(sum > 0)) {
            throw checks.fail("weights", "at least one weight > 0", given.toString());
        }
        return w;
    }

    @Override
    public byte[] encode(FittedDetector model) {
        EnsembleModel m = (EnsembleModel) model;
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION)
                .writeString(m.combination().configName())
                .writeDoubles(m.weights())
                .writeInt(m.members().size());
        for (int i = 0; i < m.members().size(); i++) {
            FittedDetector member = m.members().get(i);
            ScoreNormalizer n = m.normalizers().get(i);
            w.writeString(member.type())
                    .writeString(n.kind().name())
                    .writeDoubles(n.stats())
                    .writeBytes(catalog.byType(member.type()).encode(member));
        }
        return w.toByteArray();
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        Combination combination;
        try {
            combination = Combination.byConfigName(r.readString());
        } catch (IllegalArgumentException e) {
            throw r.corrupt("unknown combination");
        }
        double[] weights = r.readDoubles();
        int count = r.readInt();
        if (count < 1 || weights.length != count) {
            throw r.corrupt("expected one weight per member, found " + weights.length + " for " + count);
        }
        List<FittedDetector> members = new ArrayList<>();
        List<ScoreNormalizer> normalizers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = r.readString();
            ScoreNormalizer.Kind kind;
            try {
                kind = ScoreNormalizer.Kind.valueOf(r.readString());
            } catch (IllegalArgumentException e) {
                throw r.corrupt("member " + (i + 1) + " has an unknown normalisation");
            }
            double[] stats = r.readDoubles();
            byte[] part = r.readBytes();
            if (type.equals(TYPE) || !catalog.types().contains(type)) {
                throw r.corrupt("member " + (i + 1) + " has unknown type '" + type + "'");
            }
            if (kind == ScoreNormalizer.Kind.ROBUST_Z ? stats.length != 2 || !(stats[1] > 0) : stats.length < 1) {
                throw r.corrupt("member " + (i + 1) + " has bad normalisation statistics");
            }
            FittedDetector member = catalog.byType(type).decode(part, partName + "#member" + (i + 1));
            if (!members.isEmpty() && member.featureCount() != members.get(0).featureCount()) {
                throw r.corrupt("members disagree on the feature count");
            }
            members.add(member);
            normalizers.add(new ScoreNormalizer(kind, stats));
        }
        r.expectEnd();
        return new EnsembleModel(members, normalizers, weights, combination);
    }
}
