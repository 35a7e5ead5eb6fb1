package io.sentinelrisk.core.detect.support;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.SequentialDetector;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.pipeline.Detectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invariants every detector keeps, checked on each with small seeded data. */
@Tag("slow")
class DetectorContractTest {

    /**
     * Per registered detector: small parameters (so tests stay fast) and values it must refuse.
     * {@link #everyRegisteredDetectorHasAContractCase} fails when a detector is added to the
     * registry without an entry here.
     */
    private static final Map<String, List<Map<String, Object>>> BASE = Map.ofEntries(
            Map.entry("iforest", List.of(Map.of("n_estimators", 50),
                    Map.of("n_estimators", 0, "max_samples", 0, "max_features", 0.0, "bootstrap", "yes"))),
            Map.entry("hbos", List.of(Map.of(), Map.of("n_bins", 1, "alpha", 0.0, "tol", -1.0))),
            Map.entry("ecod", List.of(Map.of(), Map.of("n_bins", 3))),
            Map.entry("knn", List.of(Map.of("n_neighbors", 5, "method", "mean"),
                    Map.of("n_neighbors", 0, "method", "max", "metric", "cosine"))),
            Map.entry("lof", List.of(Map.of("n_neighbors", 20, "metric", "manhattan"),
                    Map.of("n_neighbors", -3, "metric", "chebyshev"))),
            Map.entry("ocsvm", List.of(Map.of("nu", 0.1, "max_train", 400),
                    Map.of("nu", 0.0, "gamma", -1.0, "kernel", "rbf2", "max_train", 0, "tol", 0.0, "degree", -1,
                            "cache_size", 0.0))),
            Map.entry("kde", List.of(Map.of("max_train", 300),
                    Map.of("bandwidth", 0.0, "max_train", 1))),
            Map.entry("autoencoder", List.of(Map.of("hidden_layers", List.of(8, 2, 8), "epochs", 30,
                            "batch_size", 32, "learning_rate", 0.01),
                    Map.of("hidden_layers", List.of(8, 0), "learning_rate", 0.0, "beta1", 1.0, "epochs", 0,
                            "validation_fraction", 1.0, "activation", "sigmoid", "patience", 0))),
            Map.entry("random_forest", List.of(Map.of("n_estimators", 30),
                    Map.of("n_estimators", 0, "max_depth", 0, "max_features", 0.0, "min_samples_leaf", 0,
                            "class_weight", "auto", "min_samples_split", 1))),
            Map.entry("xgboost", List.of(Map.of("n_estimators", 30, "max_depth", 3, "subsample", 0.8,
                            "colsample_bytree", 0.8),
                    Map.of("n_estimators", 0, "learning_rate", 0.0, "subsample", 1.5, "tree_method", "gpu",
                            "scale_pos_weight", 0.0, "nthread", -1))),
            Map.entry("ensemble", List.of(Map.of("members", List.of(Map.of("type", "hbos"),
                            Map.of("type", "lof", "n_neighbors", 10), Map.of("type", "ecod"))),
                    Map.of("members", List.of(Map.of("type", "knn", "n_neighbors", 0)), "combination", "median",
                            "weights", List.of(1.0, 2.0), "normalization", "minmax"))),
            Map.entry("auto", List.of(Map.of("members", List.of(Map.of("type", "hbos"),
                            Map.of("type", "knn", "n_neighbors", 10), Map.of("type", "ecod"), Map.of("type", "iforest",
                                    "n_estimators", 30)), "min_agreement", 0.5),
                    Map.of("members", List.of(Map.of("type", "auto")), "min_agreement", 1.0, "agreement_sample", 10,
                            "combination", "rank_average", "max_members", 0))),
            // raw forest scores of single rows: the contract's rows are not a time series
            Map.entry("stream_rcf", List.of(Map.of("shingle_size", 1, "n_trees", 30, "sample_size", 128, "warmup", 0,
                            "likelihood", false),
                    Map.of("shingle_size", 0, "n_trees", 0, "sample_size", 1, "time_decay", 2.0, "season_length", -1,
                            "warmup", -1, "likelihood", "maybe", "average_window", 0, "score_window", 99))));

    /** Further parameter variants worth the contract (other code paths of the same detector). */
    private static final List<DetectorCase> VARIANTS = List.of(
            new DetectorCase(Detectors.byType("hbos"), Map.of("n_bins", "auto"), Map.of("n_bins", "many")),
            new DetectorCase(Detectors.byType("ocsvm"), Map.of("nu", 0.05, "gamma", "auto", "kernel", "rbf", "shrinking", false,
                    "max_train", 300), Map.of("gamma", "big")),
            new DetectorCase(Detectors.byType("kde"), Map.of("bandwidth", 0.5), Map.of("bandwidth", "wide")),
            new DetectorCase(Detectors.byType("random_forest"), Map.of("n_estimators", 20, "max_depth", 4, "max_features", 0.5,
                    "class_weight", "balanced", "min_samples_leaf", 3), Map.of("max_features", "half")),
            new DetectorCase(Detectors.byType("ensemble"), Map.of("members", List.of(Map.of("type", "knn"),
                    Map.of("type", "hbos", "n_bins", "auto")), "combination", "rank_average", "weights", List.of(2.0, 1.0)),
                    Map.of("members", List.of(Map.of("type", "nosuch")), "weights", List.of(-1.0, 1.0))),
            new DetectorCase(Detectors.byType("ensemble"), Map.of("members", List.of(Map.of("type", "ocsvm", "nu", 0.1),
                    Map.of("type", "knn", "metric", "manhattan")), "combination", "max", "normalization", "percentile"),
                    Map.of("members", List.of(Map.of("n_bins", 3)))));

    /** Every detector of the registry (with its base case), then the variants. */
    static List<DetectorCase> cases() {
        List<DetectorCase> out = new ArrayList<>();
        for (DetectorFactory f : Detectors.all()) {
            List<Map<String, Object>> base = BASE.get(f.type());
            if (base != null) {
                out.add(new DetectorCase(f, base.get(0), base.get(1)));
            }
        }
        out.addAll(VARIANTS);
        return out;
    }

    @Test
    void everyRegisteredDetectorHasAContractCase() {
        assertThat(BASE.keySet()).containsExactlyInAnyOrderElementsOf(Detectors.types());
    }

    static Stream<DetectorCase> all() {
        return cases().stream();
    }

    /**
     * Every case on narrow and on wide rows: above 15 features the neighbour detectors search
     * with a blocked scan instead of a k-d tree, and both paths must keep the contract.
     */
    static Stream<Arguments> allWithWidths() {
        List<Arguments> out = new ArrayList<>();
        for (DetectorCase c : cases()) {
            for (int width : new int[] {5, 24}) {
                out.add(Arguments.of(c, width));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> allWithSeeds() {
        List<Arguments> out = new ArrayList<>();
        for (DetectorCase c : cases()) {
            for (long seed : new long[] {1, 2, 3}) {
                out.add(Arguments.of(c, seed));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> invalidParams() {
        List<Arguments> out = new ArrayList<>();
        for (DetectorCase c : cases()) {
            c.invalid().forEach((k, v) -> out.add(Arguments.of(c, k, v)));
        }
        return out.stream();
    }

    private static double[] scores(FittedDetector m, Matrix x, int threads) {
        double[] out = new double[x.rows()];
        m.score(x, out, threads);
        return out;
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("allWithSeeds")
    void plantedOutliersScoreHigherThanInliers(DetectorCase c, long seed) {
        // a supervised detector learns where the labelled anomalies are: give it enough of them
        // to cover the shell the test outliers come from
        PlantedData train = PlantedData.generate(seed, 400, c.factory().supervised() ? 80 : 8, 4);
        FittedDetector m = c.fit(train.x(), train.labels(), seed, 2);
        PlantedData test = PlantedData.generate(seed + 100, 300, 10, 4);
        double[] s = scores(m, test.x(), 2);
        assertThat(PlantedData.rocAuc(s, test.labels())).isGreaterThan(0.95);
        // Outliers inside the training set are harder (a one-class SVM may make them support
        // vectors that bend its boundary around them), hence the lower bar on fit-time scores.
        double[] fitTime = TrainingScores.of(m, train.x(), 2);
        assertThat(PlantedData.rocAuc(fitTime, train.labels())).isGreaterThan(0.9);
    }

    @ParameterizedTest(name = "{0} width {1}")
    @MethodSource("allWithWidths")
    void fittingAndScoringDoNotDependOnTheThreadCount(DetectorCase c, int width) {
        PlantedData data = PlantedData.generate(7, 1500, 15, width);
        FittedDetector one = c.fit(data.x(), data.labels(), 11, 1);
        FittedDetector three = c.fit(data.x(), data.labels(), 11, 3);
        assertThat(c.factory().encode(three)).isEqualTo(c.factory().encode(one));
        double[] s1 = scores(one, data.x(), 1);
        assertThat(scores(one, data.x(), 2)).isEqualTo(s1);
        assertThat(scores(three, data.x(), 4)).isEqualTo(s1);
        assertThat(TrainingScores.of(three, data.x(), 3)).isEqualTo(TrainingScores.of(one, data.x(), 1));
        // a sequential detector's batch learns its rows as it goes: only the first is scored as a lone row is
        int lone = one instanceof SequentialDetector ? 1 : 20;
        for (int i = 0; i < lone; i++) {
            assertThat(one.score(data.x().row(i, new double[data.x().cols()]))).isEqualTo(s1[i]);
        }
    }

    @ParameterizedTest(name = "{0} width {1}")
    @MethodSource("allWithWidths")
    void encodedModelScoresIdentically(DetectorCase c, int width) {
        PlantedData data = PlantedData.generate(3, 500, 5, width);
        FittedDetector m = c.fit(data.x(), data.labels(), 5, 2);
        byte[] bytes = c.factory().encode(m);
        FittedDetector back = c.factory().decode(bytes, "detector.bin");
        assertThat(back.type()).isEqualTo(c.factory().type());
        assertThat(back.featureCount()).isEqualTo(width);
        PlantedData other = PlantedData.generate(4, 200, 5, width);
        assertThat(scores(back, other.x(), 2)).isEqualTo(scores(m, other.x(), 2));
        assertThat(TrainingScores.of(back, data.x(), 2)).isEqualTo(TrainingScores.of(m, data.x(), 2));
        assertThat(c.factory().encode(back)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void sameSeedGivesTheSameBytes(DetectorCase c) {
        PlantedData data = PlantedData.generate(9, 600, 6, 3);
        byte[] a = c.factory().encode(c.fit(data.x(), data.labels(), 42, 2));
        byte[] b = c.factory().encode(c.fit(data.x(), data.labels(), 42, 2));
        assertThat(b).isEqualTo(a);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void corruptPartsAreInputErrorsNamingThePart(DetectorCase c) {
        PlantedData data = PlantedData.generate(9, 300, 3, 3);
        byte[] good = c.factory().encode(c.fit(data.x(), data.labels(), 1, 1));
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(Arrays.copyOf(good, good.length / 2));
        bad.add(Arrays.copyOf(good, good.length + 3));
        byte[] magic = good.clone();
        magic[0] ^= 0x55;
        bad.add(magic);
        byte[] version = good.clone();
        version[7] = 99;
        bad.add(version);
        byte[] header = good.clone();
        for (int i = 8; i < Math.min(16, header.length); i++) {
            header[i] = (byte) 0xFF;
        }
        bad.add(header);
        for (byte[] b : bad) {
            assertThatThrownBy(() -> c.factory().decode(b, "models/detector.bin"))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("models/detector.bin");
        }
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("invalidParams")
    void invalidParametersAreConfigErrorsNamingTheParameter(DetectorCase c, String name, Object value) {
        Map<String, Object> raw = new HashMap<>(c.params());
        raw.put(name, value);
        assertThatThrownBy(() -> {
            Params p = Params.parse(raw, c.factory().params(), "detector (" + c.factory().type() + ")");
            c.factory().trainer(p, 1);
        }).isInstanceOf(ConfigException.class).hasMessageContaining("'" + name + "'");
    }

    /**
     * Range errors come from the params record (what `config check` builds too) and carry the key,
     * so the config reader can point at the line where the value was written.
     */
    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("invalidParams")
    void paramsRecordsRefuseOutOfRangeValuesNamingTheKey(DetectorCase c, String name, Object value) {
        Map<String, Object> raw = new HashMap<>(c.params());
        raw.put(name, value);
        try {
            Params p = Params.parse(raw, c.factory().params(), "detector (" + c.factory().type() + ")");
            assertThatThrownBy(() -> c.factory().paramsOf(p))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(name))
                    .hasMessageStartingWith("'" + name + "' in detector (" + c.factory().type() + ")");
        } catch (ConfigException wrongKind) {
            // refused already by its kind (a word where a number belongs, an unknown choice)
            assertThat(wrongKind).hasMessageContaining("'" + name + "'");
        }
    }

    /** Every record's documented DEFAULTS are what the config's defaults build. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void documentedDefaultsAreTheConfigDefaults(DetectorCase c) throws ReflectiveOperationException {
        DetectorParams defaults = c.factory().paramsOf(Params.defaults(c.factory().params()));
        assertThat(defaults.getClass().isRecord()).isTrue();
        if (c.factory().type().equals("ensemble") || c.factory().type().equals("auto")) {
            return; // its members are resolved against the registry: no static DEFAULTS
        }
        assertThat(defaults).isEqualTo(defaults.getClass().getField("DEFAULTS").get(null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void rowsOfTheWrongWidthAreInputErrors(DetectorCase c) {
        PlantedData data = PlantedData.generate(9, 300, 3, 3);
        FittedDetector m = c.fit(data.x(), data.labels(), 1, 1);
        assertThatThrownBy(() -> m.score(new double[4])).isInstanceOf(InputException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> m.score(Matrix.zeros(2, 2), new double[2], 1)).isInstanceOf(InputException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void everyParameterIsDocumentedWithItsDefault(DetectorCase c) {
        assertThat(c.factory().description()).isNotBlank();
        c.factory().params().forEach(p -> assertThat(p.description()).as(p.name()).isNotBlank());
        assertThat(Params.defaults(c.factory().params()).asMap()).hasSize(c.factory().params().size());
    }
}
