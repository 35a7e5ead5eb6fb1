package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.config.ConfigException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SentinelConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes() {
        SentinelConfig c = SentinelConfig.defaults();
        assertThat(c.contamination()).isEqualTo(0.01);
        assertThat(c.severityBands()).containsExactly(0.005, 0.02, 0.1);
        assertThat(c.scoreFloor()).isNull();
        assertThat(c.topN()).isEqualTo(50);
        assertThat(c.detectorType()).isEqualTo("iforest");
        assertThat(c.detectorParams().getInt("n_estimators")).isEqualTo(100);
    }

    @Test
    void readsYamlWithDetectorShortcutsAtTheTopLevel() throws Exception {
        Path f = write("c.yaml", """
                contamination: 0.015
                n_estimators: 400
                max_samples: auto
                random_state: 1337
                severity_bands: [0.005, 0.02, 0.1]
                score_floor: 0.55
                """);
        SentinelConfig c = SentinelConfig.load(f, Map.of());
        assertThat(c.contamination()).isEqualTo(0.015);
        assertThat(c.randomState()).isEqualTo(1337);
        assertThat(c.scoreFloor()).isEqualTo(0.55);
        assertThat(c.detectorParams().getInt("n_estimators")).isEqualTo(400);
        assertThat(c.detectorParams().get("max_samples")).isEqualTo("auto");
    }

    @Test
    void jsonAndYamlGiveTheSameConfig() throws Exception {
        Path y = write("c.yml", "contamination: 0.02\ndetector:\n  type: iforest\n  n_estimators: 50\n");
        Path j = write("c.json", "{\"contamination\": 0.02, \"detector\": {\"type\": \"iforest\", \"n_estimators\": 50}}");
        assertThat(SentinelConfig.load(y, Map.of())).isEqualTo(SentinelConfig.load(j, Map.of()));
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Path f = write("c.yaml", "contamination: 0.015\nn_estimators: 400\n");
        SentinelConfig c = SentinelConfig.load(f, Map.of("contamination", 0.05, "n_estimators", 10));
        assertThat(c.contamination()).isEqualTo(0.05);
        assertThat(c.detectorParams().getInt("n_estimators")).isEqualTo(10);
    }

    @Test
    void unknownKeyNamesTheKeyItsPlaceAndTheValidKeys() throws Exception {
        Path f = write("c.yaml", "contamination: 0.01\ncontaminaton: 0.02\n");
        assertThatThrownBy(() -> SentinelConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ":2:1")
                .hasMessageContaining("unknown key 'contaminaton'")
                .hasMessageContaining("valid keys:")
                .hasMessageContaining("contamination");
    }

    @Test
    void unknownNestedKeyIsLocatedToo() throws Exception {
        Path f = write("c.yaml", "detector:\n  type: iforest\n  n_trees: 5\n");
        assertThatThrownBy(() -> SentinelConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ":3:3")
                .hasMessageContaining("unknown key 'n_trees'")
                .hasMessageContaining("n_estimators");
    }

    @Test
    void wrongTypeSaysWhatWasExpectedAndFound() throws Exception {
        Path f = write("c.yaml", "n_estimators: many\n");
        assertThatThrownBy(() -> SentinelConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ":1:1")
                .hasMessageContaining("expected an integer, found 'many'");
    }

    @Test
    void outOfRangeValuesAreRefused() throws Exception {
        assertThatThrownBy(() -> SentinelConfig.load(write("a.yaml", "contamination: 0.7\n"), Map.of()))
                .hasMessageContaining("'contamination' must be in (0, 0.5)");
        assertThatThrownBy(() -> SentinelConfig.load(write("b.yaml", "severity_bands: [0.1, 0.02, 0.005]\n"), Map.of()))
                .hasMessageContaining("three increasing fractions");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> outOfRangeDetectorParams() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("n_estimators: 0\n", "1:1",
                        "'n_estimators' in detector (iforest): expected an integer ≥ 1, found 0"),
                org.junit.jupiter.params.provider.Arguments.of("detector:\n  type: iforest\n  n_estimators: -4\n", "3:3",
                        "'n_estimators' in detector (iforest): expected an integer ≥ 1, found -4"),
                org.junit.jupiter.params.provider.Arguments.of("detector:\n  type: random_forest\n  min_samples_split: 1\n", "3:3",
                        "'min_samples_split' in detector (random_forest): expected an integer ≥ 2, found 1"),
                org.junit.jupiter.params.provider.Arguments.of("detector:\n  type: xgboost\n  learning_rate: 0\n", "3:3",
                        "'learning_rate' in detector (xgboost): expected a number in (0, 1], found 0"),
                org.junit.jupiter.params.provider.Arguments.of("detector:\n  type: lof\n  n_neighbors: 0\n", "3:3",
                        "'n_neighbors' in detector (lof): expected an integer ≥ 1, found 0"),
                org.junit.jupiter.params.provider.Arguments.of("detector:\n  type: hbos\n  n_bins: 1\n", "3:3",
                        "'n_bins' in detector (hbos): expected an integer in [2, 1000000] or auto, found 1"),
                org.junit.jupiter.params.provider.Arguments.of("detector:\n  type: ocsvm\n  nu: 1.5\n", "3:3",
                        "'nu' in detector (ocsvm): expected a number in (0, 1], found 1.5"),
                org.junit.jupiter.params.provider.Arguments.of("detector:\n  type: autoencoder\n  epochs: 0\n", "3:3",
                        "'epochs' in detector (autoencoder): expected an integer ≥ 1, found 0"),
                org.junit.jupiter.params.provider.Arguments.of("detector:\n  type: ensemble\n  members: [{type: knn, n_neighbors: 0}]\n", "3:3",
                        "'members' in detector (ensemble), member 1 (knn): 'n_neighbors' in detector (knn)"));
    }

    /** Issue 12 item 13: the params record validates at load time, as train builds it, where the value was written. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{2}")
    @org.junit.jupiter.params.provider.MethodSource("outOfRangeDetectorParams")
    void outOfRangeDetectorParamsAreRefusedWhereTheyWereWritten(String yaml, String place, String message) throws Exception {
        Path f = write("p.yaml", yaml);
        assertThatThrownBy(() -> SentinelConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":" + place + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void outOfRangeDetectorFlagsNameTheSource() {
        assertThatThrownBy(() -> SentinelConfig.load(null, Map.of("n_estimators", 0)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config (flags): 'n_estimators' in detector (iforest): expected an integer ≥ 1, found 0");
    }

    @Test
    void unknownDetectorNamesTheValidOnes() throws Exception {
        assertThatThrownBy(() -> SentinelConfig.load(write("d.yaml", "detector: {type: magic}\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown detector type 'magic'")
                .hasMessageContaining("iforest");
    }

    @Test
    void malformedYamlIsLocated() throws Exception {
        Path f = write("e.yaml", "contamination: [0.1\n");
        assertThatThrownBy(() -> SentinelConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void yamlTagsAreNotObjectsButAnError() throws Exception {
        Path f = write("t.yaml", "contamination: !!javax.script.ScriptEngineManager [x]\n");
        assertThatThrownBy(() -> SentinelConfig.load(f, Map.of())).isInstanceOf(ConfigException.class);
    }

    @Test
    void missingConfigFileIsABadInput() {
        assertThatThrownBy(() -> SentinelConfig.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml: no such file");
    }

    @Test
    void effectiveConfigRoundTrips() throws Exception {
        Path f = write("c.yaml", "contamination: 0.03\nid_columns: [user]\ncolumn_types: {zip: categorical}\n"
                + "preprocessing: {scaling: robust, categorical_encoding: onehot}\n");
        SentinelConfig c = SentinelConfig.load(f, Map.of());
        SentinelConfig back = SentinelConfig.fromEffectiveMap(c.toMap(), "bundle");
        assertThat(back).isEqualTo(c);
        assertThat(back.idColumns()).isEqualTo(List.of("user"));
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
