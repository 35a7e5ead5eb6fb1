package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 13: {@code config check} refuses what {@code train} refuses, with the same one
 * line, because both build the detector's params record through the same validation.
 */
@Tag("integration")
class ConfigCheckE2ETest {
    @TempDir
    Path dir;

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of("n_estimators: 0\n", ":1:1: 'n_estimators' in detector (iforest): expected an integer ≥ 1, found 0"),
                Arguments.of("detector:\n  type: iforest\n  max_samples: 0\n", ":3:3: 'max_samples' in detector (iforest)"),
                Arguments.of("detector:\n  type: random_forest\n  n_estimators: 0\n",
                        ":3:3: 'n_estimators' in detector (random_forest): expected an integer ≥ 1, found 0"),
                Arguments.of("detector:\n  type: xgboost\n  subsample: 1.5\n",
                        ":3:3: 'subsample' in detector (xgboost): expected a number in (0, 1], found 1.5"),
                Arguments.of("detector:\n  type: knn\n  n_neighbors: 0\n",
                        ":3:3: 'n_neighbors' in detector (knn): expected an integer ≥ 1, found 0"),
                Arguments.of("detector:\n  type: hbos\n  alpha: -1\n", ":3:3: 'alpha' in detector (hbos): expected a number > 0, found -1"),
                Arguments.of("detector:\n  type: ocsvm\n  gamma: -2\n", ":3:3: 'gamma' in detector (ocsvm)"),
                Arguments.of("detector:\n  type: autoencoder\n  hidden_layers: [8, 0]\n", ":3:3: 'hidden_layers' in detector (autoencoder)"),
                Arguments.of("detector:\n  type: ensemble\n  weights: [1, 2]\n", ":3:3: 'weights' in detector (ensemble): expected 3 weights"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("outOfRange")
    void configCheckRefusesWhatTrainRefusesWithTheSameLine(String yaml, String expected) throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, yaml, StandardCharsets.UTF_8);
        SentinelProcess.Result check = SentinelProcess.run(dir, "config", "check", cfg.toString());
        assertThat(check.exitCode()).as(check.err()).isEqualTo(2);
        assertThat(check.out()).isEmpty();
        String line = check.err().strip();
        assertThat(line.lines().count()).as(line).isEqualTo(1);
        assertThat(line).contains(cfg + expected).doesNotContain("Exception");

        Path input = dir.resolve("events.csv");
        Files.writeString(input, events(), StandardCharsets.UTF_8);
        SentinelProcess.Result train = SentinelProcess.run(dir, "train", "--input", input.toString(),
                "--config", cfg.toString(), "--model-out", dir.resolve("m.srb").toString());
        assertThat(train.exitCode()).as(train.err()).isEqualTo(2);
        // the same message; only the command's name in the "sentinel CMD: error:" prefix differs
        assertThat(afterPrefix(train.err().strip())).isEqualTo(afterPrefix(line));
        assertThat(dir.resolve("m.srb")).doesNotExist();
    }

    @Test
    void aValidConfigPrintsEveryDetectorParameterWithItsDefault() throws Exception {
        Path cfg = dir.resolve("good.yaml");
        Files.writeString(cfg, "detector:\n  type: random_forest\n  n_estimators: 1\n", StandardCharsets.UTF_8);
        SentinelProcess.Result check = SentinelProcess.run(dir, "config", "check", cfg.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        JsonNode effective = new ObjectMapper().readTree(check.out());
        assertThat(effective.at("/detector/n_estimators").asInt()).isEqualTo(1);
        assertThat(effective.at("/detector/min_samples_split").asInt()).isEqualTo(2);
        assertThat(effective.at("/detector/max_features").asText()).isEqualTo("sqrt");
    }

    private static String afterPrefix(String line) {
        int i = line.indexOf(": error: ");
        return i < 0 ? line : line.substring(i + ": error: ".length());
    }

    /** A small numeric event file (training would succeed with a valid config). */
    private static String events() {
        StringBuilder sb = new StringBuilder("amount,duration,label\n");
        for (int i = 0; i < 60; i++) {
            sb.append(10 + i % 7).append(',').append(3 + (i * 13) % 11).append(',').append(i % 20 == 0 ? 1 : 0).append('\n');
        }
        return sb.toString();
    }
}
