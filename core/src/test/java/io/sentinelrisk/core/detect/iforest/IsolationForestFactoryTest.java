package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.detect.FittedDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsolationForestFactoryTest {
    private static final IsolationForestFactory FACTORY = new IsolationForestFactory();

    @Test
    void registeredAsIforestWithScikitLearnNamesAndDefaults() {
        DetectorFactory f = Detectors.byType("iforest");
        assertThat(f).isInstanceOf(IsolationForestFactory.class);
        assertThat(f.supervised()).isFalse();
        assertThat(f.params()).extracting(ParamSpec::name)
                .containsExactly("n_estimators", "max_samples", "max_features", "bootstrap");
        assertThat(f.params()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
        IsolationForestParams defaults = ((IsolationForestFactory) f).paramsOf(Params.defaults(f.params()));
        assertThat(defaults).isEqualTo(IsolationForestParams.DEFAULTS);
        assertThat(defaults.nEstimators()).isEqualTo(100);
        assertThat(defaults.maxSamples()).isEqualTo(MaxSamples.AUTO);
        assertThat(defaults.maxFeatures()).isEqualTo(MaxFeatures.fraction(1.0));
        assertThat(defaults.bootstrap()).isFalse();
    }

    @Test
    void configValuesReachTheModel() {
        Params p = params(Map.of("n_estimators", 7, "max_samples", 0.5, "max_features", 2, "bootstrap", true));
        Matrix x = TestData.gaussian(1, 300, 4);
        FittedDetector model = FACTORY.trainer(p, 3).fit(x, null, 1);
        IsolationForest forest = (IsolationForest) model;
        assertThat(forest.type()).isEqualTo("iforest");
        assertThat(forest.trees()).isEqualTo(7);
        assertThat(forest.samplesPerTree()).isEqualTo(150);
        assertThat(forest.provenance()).isEqualTo(new IsolationForest.Provenance(300, 2, true, 3));
        // the seed is the pipeline's random_state
        assertThat(FACTORY.encode(FACTORY.trainer(p, 3).fit(x, null, 2))).isEqualTo(FACTORY.encode(model));
    }

    @Test
    void maxSamplesResolvesAsScikitLearn() {
        assertThat(MaxSamples.AUTO.resolve(100)).isEqualTo(100);
        assertThat(MaxSamples.AUTO.resolve(10_000)).isEqualTo(256);
        assertThat(MaxSamples.count(512).resolve(300)).isEqualTo(300);
        assertThat(MaxSamples.count(512).resolve(3000)).isEqualTo(512);
        assertThat(MaxSamples.fraction(0.25).resolve(1001)).isEqualTo(250);
        assertThat(MaxFeatures.fraction(0.5).resolve(9)).isEqualTo(4);
        assertThat(MaxFeatures.fraction(0.01).resolve(9)).isEqualTo(1);
        assertThat(MaxFeatures.count(9).resolve(9)).isEqualTo(9);
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("max_samples", 0, "[1, "),
                Arguments.of("max_samples", -5, "[1, "),
                Arguments.of("max_samples", 1.5, "(0, 1]"),
                Arguments.of("max_samples", 256.0, "(0, 1]"),
                Arguments.of("max_samples", 0.0, "(0, 1]"),
                Arguments.of("n_estimators", -1, "an integer ≥ 1"),
                Arguments.of("n_estimators", 0, "an integer ≥ 1"),
                Arguments.of("max_features", 1.5, "(0, 1]"),
                Arguments.of("max_features", 0, "integer ≥ 1"),
                Arguments.of("max_features", -0.5, "(0, 1]"));
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void invalidValuesNameTheParameterAndTheValidRange(String name, Object value, String range) {
        assertThatThrownBy(() -> FACTORY.trainer(params(Map.of(name, value)), 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining(range)
                .hasMessageContaining(String.valueOf(value));
    }

    @Test
    void wrongTypesAndUnknownKeysAreConfigErrors() {
        assertThatThrownBy(() -> params(Map.of("max_samples", "all")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_samples");
        assertThatThrownBy(() -> params(Map.of("n_estimator", 10)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("n_estimators");
        assertThatThrownBy(() -> params(Map.of("bootstrap", "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap");
    }

    @Test
    void limitsThatDependOnTheDataAreCheckedAtFit() {
        Matrix x = TestData.gaussian(2, 50, 3);
        assertThatThrownBy(() -> FACTORY.trainer(params(Map.of("max_features", 4)), 1).fit(x, null, 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'max_features'").hasMessageContaining("[1, 3]");
        assertThatThrownBy(() -> FACTORY.trainer(params(Map.of("max_samples", 0.01)), 1).fit(x, null, 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'max_samples'").hasMessageContaining("50 rows");
    }

    @Test
    void encodeRefusesOtherModels() {
        FittedDetector other = new FittedDetector() {
            public String type() {
                return "other";
            }

            public int featureCount() {
                return 1;
            }

            public double score(double[] row) {
                return 0;
            }

            public void score(Matrix x, double[] out, int threads) {
            }
        };
        assertThatThrownBy(() -> FACTORY.encode(other)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Params params(Map<String, Object> values) {
        return Params.parse(new HashMap<>(values), FACTORY.params(), "detector (iforest)");
    }
}
