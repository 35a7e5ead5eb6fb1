package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.bundle.Bundles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sentinel drift} as a user runs it: a planted shift is reported, unshifted data is not. */
@Tag("integration")
class DriftE2ETest {
    @TempDir
    Path dir;

    private Path write(String name, double shift, String categories, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("amount,latency,channel\n");
        for (int i = 0; i < 3_000; i++) {
            b.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s%n", r.nextGaussian() + shift, r.nextGaussian(),
                    categories.charAt(r.nextInt(categories.length()))));
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aPlantedShiftIsReportedAndUnshiftedDataIsStable() throws Exception {
        Path model = dir.resolve("m.srb");
        SentinelProcess.Result train = SentinelProcess.run(dir, "train", "--input", write("train.csv", 0, "wwwmma", 1).toString(),
                "--model-out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();

        Path quietReport = dir.resolve("quiet.json");
        SentinelProcess.Result quiet = SentinelProcess.run(dir, "drift", "--model", model.toString(),
                "--input", write("same.csv", 0, "wwwmma", 2).toString(), "--report", quietReport.toString());
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).contains("3,000 rows against 3,000 training rows: stable");
        JsonNode q = new ObjectMapper().readTree(quietReport.toFile());
        assertThat(q.get("verdict").asText()).isEqualTo("stable");
        assertThat(q.get("drifted_columns")).isEmpty();

        Path shiftedReport = dir.resolve("shifted.json");
        SentinelProcess.Result shifted = SentinelProcess.run(dir, "drift", "--model", model.toString(),
                "--input", write("shifted.csv", 1.0, "wmmaaa", 3).toString(), "--report", shiftedReport.toString());
        assertThat(shifted.exitCode()).as(shifted.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(shiftedReport.toFile());
        assertThat(s.get("verdict").asText()).isEqualTo("significant");
        assertThat(s.get("drifted_columns").toString()).contains("amount").contains("channel").doesNotContain("latency");
        assertThat(s.get("columns").get(0).get("ks").asDouble()).isGreaterThan(0.3);
        assertThat(s.get("score").get("psi").asDouble()).isGreaterThan(0.1);
    }

    @Test
    void aBundleWithoutATrainingProfileIsRefusedInOneLine() throws Exception {
        Path model = dir.resolve("m.srb");
        Path input = write("train.csv", 0, "wwwmma", 1);
        assertThat(SentinelProcess.run(dir, "train", "--input", input.toString(), "--model-out", model.toString()).exitCode()).isZero();
        Path old = dir.resolve("old.srb");
        Bundles.write(Bundles.read(model).withProfile(null), old, Instant.parse("2026-01-01T00:00:00Z"));

        SentinelProcess.Result r = SentinelProcess.run(dir, "drift", "--model", old.toString(), "--input", input.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("old.srb").contains("keeps no training profile").doesNotContain("Exception");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("drift.json"))).isFalse();
    }
}
