package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The real command, run as a process on files in a temp dir: what a user sees. */
@Tag("integration")
class SentinelE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path baseline;
    static Path model;

    @TempDir
    Path dir;

    /** A labelled baseline from the demo generator, and a model trained on it. */
    @BeforeAll
    static void trainOnce() throws Exception {
        baseline = shared.resolve("baseline.csv");
        SentinelProcess.Result gen = SentinelProcess.run(shared, "demo", "--samples", "3000", "--anomalies", "60",
                "--save-data", baseline.toString());
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        model = shared.resolve("model.srb");
        SentinelProcess.Result train = SentinelProcess.run(shared, "train", "--input", baseline.toString(),
                "--id-column", "event_id", "--ignore-column", "scenario", "--model-out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
    }

    @Test
    void versionAndHelpOnEveryCommand() throws Exception {
        SentinelProcess.Result v = SentinelProcess.run(dir, "--version");
        assertThat(v.exitCode()).isZero();
        // The jar's manifest (Implementation-Version) says the same version as version.txt, which
        // these tests read from the classes directory.
        assertThat(v.out()).startsWith("sentinel " + io.sentinelrisk.core.ProductVersion.get() + System.lineSeparator() + "Java ");
        assertThat(io.sentinelrisk.core.ProductVersion.get()).isNotEqualTo("unknown");
        for (List<String> cmd : List.<List<String>>of(List.of(), List.of("train"), List.of("score"), List.of("demo"),
                List.of("config"), List.of("config", "defaults"), List.of("config", "check"), List.of("predict"),
                List.of("generate"), List.of("generate", "soc"), List.of("generate", "web-sessions"),
                List.of("generate", "transactions"), List.of("generate", "metrics"), List.of("inject"))) {
            String[] args = Stream.concat(cmd.stream(), Stream.of("--help")).toArray(String[]::new);
            SentinelProcess.Result h = SentinelProcess.run(dir, args);
            assertThat(h.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(h.out()).contains("Usage: sentinel").contains("--help");
        }
    }

    @Test
    void demoExportsAlertsReportAndBundle() throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(dir, "demo", "--samples", "5000", "--anomalies", "200",
                "--export-json", "out/top.json", "--report", "out/summary.json", "--persist", "out/demo.srb",
                "--export-csv", "out/scorecard.csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode top = JSON.readTree(dir.resolve("out/top.json").toFile());
        assertThat(top.isArray()).isTrue();
        assertThat(top.size()).isEqualTo(50);
        JsonNode first = top.get(0);
        assertThat(first.get("severity").asText()).isEqualTo("critical");
        assertThat(first.get("risk").asDouble()).isGreaterThan(99);
        assertThat(first.get("reasons").size()).isEqualTo(3);
        assertThat(first.get("narrative").asText()).contains("std");
        assertThat(first.get("features").has("bytes_out")).isTrue();
        for (int i = 1; i < top.size(); i++) {
            assertThat(top.get(i).get("score").asDouble()).isLessThanOrEqualTo(top.get(i - 1).get("score").asDouble());
        }
        JsonNode report = JSON.readTree(dir.resolve("out/summary.json").toFile());
        assertThat(report.get("rows").asInt()).isEqualTo(5000);
        assertThat(report.at("/metrics/roc_auc").asDouble()).isGreaterThan(0.95);
        assertThat(report.at("/metrics/labelled_anomalies").asInt()).isEqualTo(200);
        assertThat(Files.size(dir.resolve("out/demo.srb"))).isPositive();
        List<String> card = Files.readAllLines(dir.resolve("out/scorecard.csv"));
        assertThat(card).hasSize(5001);
        // the demo maps its alerts with the soc pack: the scorecard carries the business columns
        assertThat(card.get(0)).endsWith(",score,risk,severity,is_anomaly,alert_id,entity,event_time,top_reason,category,estimated_cost,currency,sla_minutes,recommended_action");
        assertThat(first.at("/business/narrative").asText()).contains("Risk: ");
    }

    @Test
    void trainThenScoreWithLabelsFileAndConfig() throws Exception {
        Path cfg = dir.resolve("anomaly.yaml");
        Files.writeString(cfg, "contamination: 0.02\nn_estimators: 150\nmax_samples: auto\nrandom_state: 1337\n"
                + "severity_bands: [0.005, 0.02, 0.1]\nid_columns: [event_id]\nignore_columns: [scenario]\n");
        Path data = dir.resolve("data.tsv");
        Path labels = dir.resolve("labels.csv");
        splitLabels(baseline, data, labels);
        SentinelProcess.Result t = SentinelProcess.run(dir, "train", "--input", data.toString(), "--labels", labels.toString(),
                "--config", cfg.toString(), "--model-out", "artifacts/iforest.srb", "--export-json", "exports/top.json",
                "--export-csv", "exports/scorecard.csv", "--report", "exports/train-summary.json", "--delimiter", "\\t");
        assertThat(t.exitCode()).as(t.err()).isZero();
        JsonNode train = JSON.readTree(dir.resolve("exports/train-summary.json").toFile());
        assertThat(train.at("/config/contamination").asDouble()).isEqualTo(0.02);
        assertThat(train.at("/config/detector/n_estimators").asInt()).isEqualTo(150);
        assertThat(train.at("/metrics/roc_auc").asDouble()).isGreaterThan(0.9);
        assertThat(train.get("anomaly_rate").asDouble()).isBetween(0.015, 0.025);
        assertThat(JSON.readTree(dir.resolve("exports/top.json").toFile()).get(0).has("id")).isTrue();

        SentinelProcess.Result s = SentinelProcess.run(dir, "score", "--input", data.toString(), "--model", "artifacts/iforest.srb",
                "--export-json", "exports/prod-top.json", "--export-csv", "exports/prod-scorecard.csv",
                "--report", "exports/prod-summary.json", "--labels", labels.toString(), "--top-n", "7");
        assertThat(s.exitCode()).as(s.err()).isZero();
        JsonNode prod = JSON.readTree(dir.resolve("exports/prod-summary.json").toFile());
        assertThat(prod.at("/metrics/roc_auc").asDouble()).isEqualTo(train.at("/metrics/roc_auc").asDouble());
        assertThat(JSON.readTree(dir.resolve("exports/prod-top.json").toFile()).size()).isEqualTo(7);
    }

    @Test
    void sameSeedGivesTheSameBundleBytes() throws Exception {
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1767225600");
        for (String name : List.of("a.srb", "b.srb")) {
            SentinelProcess.Result r = SentinelProcess.run(dir, env, "train", "--input", baseline.toString(),
                    "--ignore-column", "scenario", "--model-out", name, "--threads", name.equals("a.srb") ? "1" : "2");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(Files.readAllBytes(dir.resolve("a.srb"))).isEqualTo(Files.readAllBytes(dir.resolve("b.srb")));
    }

    @Test
    void predictAnswersEachRecord() throws Exception {
        Path records = dir.resolve("records.jsonl");
        Files.writeString(records, "{\"bytes_out\": 9000000, \"hour\": 3, \"device_trusted\": false, \"geo_distance_km\": 8000, \"extra\": \"ignored\"}\n"
                + "{\"bytes_out\": \"12000\", \"hour\": \"9\", \"success\": \"true\"}\n");
        SentinelProcess.Result r = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--input", records.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode odd = JSON.readTree(lines.get(0));
        JsonNode plain = JSON.readTree(lines.get(1));
        assertThat(odd.get("predicted_label").asInt()).isEqualTo(1);
        assertThat(odd.get("risk_level").asText()).isEqualTo(odd.get("severity").asText()).isIn("critical", "high");
        assertThat(odd.get("risk_reason").asText()).contains("bytes_out");
        assertThat(odd.get("anomaly_score").asDouble()).isGreaterThan(plain.get("anomaly_score").asDouble());
        assertThat(plain.get("risk_level").asText()).isEqualTo("info");
        assertThat(r.err()).contains("warning").contains("extra");
        assertThat(plain.get("risk_reason").isNull()).isTrue();

        SentinelProcess.Result bad = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--record", "{\"bytes_out\": \"lots\"}");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("field 'bytes_out'").contains("expected a finite number");
    }

    @Test
    void trainAndScoreWithInlineFeatures() throws Exception {
        SentinelProcess.Result t = SentinelProcess.run(dir, "train", "--input", baseline.toString(), "--features", "pack:soc",
                "--id-column", "event_id", "--ignore-column", "scenario", "--model-out", "f.srb", "--report", "train.json");
        assertThat(t.exitCode()).as(t.err()).isZero();
        JsonNode report = JSON.readTree(dir.resolve("train.json").toFile());
        assertThat(report.at("/data_profile/event_count_24h/type").asText()).isEqualTo("numeric");
        assertThat(report.at("/metrics/roc_auc").asDouble()).isGreaterThan(0.9);
        // the bundle carries the feature plan: score computes the features from the raw events itself
        SentinelProcess.Result s = SentinelProcess.run(dir, "score", "--input", baseline.toString(), "--model", "f.srb",
                "--report", "score.json");
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(JSON.readTree(dir.resolve("score.json").toFile()).at("/metrics/roc_auc").asDouble())
                .isEqualTo(report.at("/metrics/roc_auc").asDouble());
        // a small file takes the keys the model was trained with (device_id by its name), as a stream would
        Files.write(dir.resolve("few.csv"), Files.readAllLines(baseline).subList(0, 31));
        SentinelProcess.Result few = SentinelProcess.run(dir, "score", "--input", "few.csv", "--model", "f.srb",
                "--export-json", "few.json", "--top-n", "5");
        assertThat(few.exitCode()).as(few.err()).isZero();
        JsonNode alerts = JSON.readTree(dir.resolve("few.json").toFile());
        assertThat(alerts.size()).isEqualTo(5);
        for (JsonNode a : alerts) {
            assertThat(a.get("id").has("event_id") && a.get("id").has("device_id")).as(a.toString()).isTrue();
        }
    }

    // ---- bad input: one line naming the place, exit 2, no output left behind ----

    @Test
    void missingInputFile() throws Exception {
        assertBadInput(List.of("train", "--input", "nope.csv"), "nope.csv");
    }

    @Test
    void emptyFile() throws Exception {
        Files.writeString(dir.resolve("empty.csv"), "");
        assertBadInput(List.of("train", "--input", "empty.csv"), "empty.csv");
    }

    @Test
    void headerOnly() throws Exception {
        Files.writeString(dir.resolve("h.csv"), "a,b\n");
        assertBadInput(List.of("train", "--input", "h.csv"), "h.csv");
    }

    @Test
    void raggedRow() throws Exception {
        Files.writeString(dir.resolve("r.csv"), "a,b\n1,2\n3\n4,5\n");
        assertBadInput(List.of("train", "--input", "r.csv"), "r.csv:3");
    }

    @Test
    void nonNumericValueInANumericColumn() throws Exception {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i).append(',').append(i * 2).append('\n');
        }
        sb.append("7,abc\n");
        Files.writeString(dir.resolve("n.csv"), sb.toString());
        assertBadInput(List.of("train", "--input", "n.csv"), "n.csv:52:2");
    }

    @Test
    void nanAndInfText() throws Exception {
        Files.writeString(dir.resolve("nan.csv"), "a,b\n1,2\n3,NaN\n5,6\n");
        assertBadInput(List.of("train", "--input", "nan.csv"), "nan.csv:3:2");
        Files.writeString(dir.resolve("inf.csv"), "a,b\n1,2\n3,4\n-Inf,6\n");
        assertBadInput(List.of("train", "--input", "inf.csv"), "inf.csv:4:1");
    }

    @Test
    void invalidUtf8() throws Exception {
        byte[] bytes = "a,b\n1,x\n2,".getBytes();
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        bad[bytes.length] = (byte) 0xC3;
        bad[bytes.length + 1] = '\n';
        Files.write(dir.resolve("u.csv"), bad);
        assertBadInput(List.of("train", "--input", "u.csv"), "u.csv:3");
    }

    @Test
    void duplicateColumnNames() throws Exception {
        Files.writeString(dir.resolve("d.csv"), "a,b,a\n1,2,3\n4,5,6\n");
        assertBadInput(List.of("train", "--input", "d.csv"), "d.csv:1");
    }

    @Test
    void labelFileWithADifferentRowCount() throws Exception {
        Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n3,4\n5,6\n");
        Files.writeString(dir.resolve("y.csv"), "label\n0\n1\n");
        assertBadInput(List.of("train", "--input", "x.csv", "--labels", "y.csv"), "y.csv");
    }

    @Test
    void labelsNotBinary() throws Exception {
        Files.writeString(dir.resolve("x.csv"), "a,b,label\n1,2,0\n3,4,2\n5,6,1\n");
        assertBadInput(List.of("train", "--input", "x.csv"), "x.csv:3");
    }

    @Test
    void configWithAnUnknownKeyOrAWrongType() throws Exception {
        Files.writeString(dir.resolve("c1.yaml"), "contamination: 0.01\nestimators: 10\n");
        assertBadInput(List.of("train", "--input", baseline.toString(), "--config", "c1.yaml"), "c1.yaml:2:1");
        Files.writeString(dir.resolve("c2.yaml"), "n_estimators: lots\n");
        assertBadInput(List.of("train", "--input", baseline.toString(), "--config", "c2.yaml"), "c2.yaml:1:1");
    }

    @Test
    void truncatedBundle() throws Exception {
        byte[] b = Files.readAllBytes(model);
        Files.write(dir.resolve("cut.srb"), java.util.Arrays.copyOf(b, b.length / 2));
        assertBadInput(List.of("score", "--input", baseline.toString(), "--model", "cut.srb"), "cut.srb");
    }

    @Test
    void tamperedBundle() throws Exception {
        Path t = dir.resolve("tampered.srb");
        rewriteEntry(model, t, "explainer.json", s -> s.replaceFirst("\"median\" : ", "\"median\" : 1"), false);
        SentinelProcess.Result r = assertBadInput(List.of("score", "--input", baseline.toString(), "--model", t.toString()), "tampered.srb");
        assertThat(r.err()).contains("modified");
    }

    @Test
    void bundleOfAnotherFormatVersion() throws Exception {
        Path t = dir.resolve("v9.srb");
        rewriteEntry(model, t, "manifest.json", s -> s.replace("\"format_version\" : 1", "\"format_version\" : 9"), true);
        SentinelProcess.Result r = assertBadInput(List.of("score", "--input", baseline.toString(), "--model", t.toString()), "v9.srb");
        assertThat(r.err()).contains("format version 9");
    }

    @Test
    void scoringInputWithOtherColumns() throws Exception {
        List<String> lines = Files.readAllLines(baseline);
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            int cut = line.lastIndexOf(',');
            sb.append(line, 0, cut).append('\n');   // drop the last column (label)...
        }
        String renamed = sb.toString().replaceFirst("bytes_out", "bytes_sent");   // ...and rename one
        Files.writeString(dir.resolve("other.csv"), renamed);
        SentinelProcess.Result r = assertBadInput(List.of("score", "--input", "other.csv", "--model", model.toString()), "other.csv");
        assertThat(r.err()).contains("missing column(s) bytes_out").contains("unexpected column(s) bytes_sent");
    }

    /** Runs a command that must fail on bad input, with export flags, and checks nothing was written. */
    private SentinelProcess.Result assertBadInput(List<String> args, String place) throws Exception {
        Path outDir = dir.resolve("outputs");
        String[] full = Stream.concat(args.stream(), Stream.of("--export-json", outDir.resolve("top.json").toString(),
                "--export-csv", outDir.resolve("card.csv").toString(), "--report", outDir.resolve("report.json").toString()))
                .toArray(String[]::new);
        SentinelProcess.Result r = SentinelProcess.run(dir, full);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).contains(place).doesNotContain("Exception").doesNotContain("\tat ");
        if (Files.exists(outDir)) {
            try (Stream<Path> files = Files.list(outDir)) {
                assertThat(files.toList()).isEmpty();
            }
        }
        return r;
    }

    private static void splitLabels(Path source, Path data, Path labels) throws Exception {
        List<String> lines = Files.readAllLines(source);
        String[] header = lines.get(0).split(",");
        int labelAt = List.of(header).indexOf("label");
        StringBuilder d = new StringBuilder();
        StringBuilder l = new StringBuilder("is_attack\n");
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < f.length; j++) {
                if (j != labelAt) {
                    row.append(row.isEmpty() ? "" : "\t").append(f[j]);
                }
            }
            d.append(row).append('\n');
            if (i > 0) {
                l.append(f[labelAt].equals("1") ? "anomaly" : "normal").append('\n');
            }
        }
        Files.writeString(data, d.toString());
        Files.writeString(labels, l.toString());
    }

    /** Copies a bundle, changing one entry's text (and, if asked, re-signing the manifest checksum). */
    static void rewriteEntry(Path from, Path to, String entry, java.util.function.UnaryOperator<String> change,
                                     boolean fixManifestChecksum) throws Exception {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(from.toFile())) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        String text = new String(entries.get(entry), java.nio.charset.StandardCharsets.UTF_8);
        String changed = change.apply(text);
        assertThat(changed).isNotEqualTo(text);
        entries.put(entry, changed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (fixManifestChecksum) {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(entries.get("manifest.json"));
            entries.put("manifest.sha256", (java.util.HexFormat.of().formatHex(digest) + "  manifest.json\n").getBytes());
        }
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }
}
