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
