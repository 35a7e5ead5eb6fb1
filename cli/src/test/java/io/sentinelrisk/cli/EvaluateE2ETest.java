package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sentinel evaluate} run as a process on generated SOC telemetry, the way users run it. */
@Tag("integration")
class EvaluateE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path shared;
    static Path soc;

    @TempDir
    Path dir;

    /** 40 users × 100 events, 1% attacks (exfiltration and impossible travel). */
    @BeforeAll
    static void generate() throws Exception {
        soc = shared.resolve("soc.csv");
        SentinelProcess.generateSoc(shared, "--n-users", "40", "--events-per-user", "100", "--output", soc.toString());
    }

    @Test
    void comparesDetectorsAndWritesReportPlotsAndHtml() throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(dir, "evaluate", "--input", soc.toString(), "--id-column", "event_id",
                "--detectors", "iforest,hbos", "--k", "20", "--report", "out/eval.json", "--plots-dir", "out/plots",
                "--html", "out/report.html");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("iforest").contains("hbos").contains("recall per scenario")
                .contains("tested on 832 rows with 40 anomalies");

        JsonNode report = JSON.readTree(dir.resolve("out/eval.json").toFile());
        assertThat(report.get("mode").asText()).isEqualTo("split");
        assertThat(report.at("/protocol/test_anomalies").asText()).isEqualTo("all");
        assertThat(report.get("rows").asInt()).isEqualTo(4000);
        assertThat(report.get("test_anomalies").asInt()).isEqualTo(report.get("anomalies").asInt()).isEqualTo(40);
        assertThat(report.get("train_normal_rows").asInt() + report.get("test_rows").asInt()).isEqualTo(4000);
        JsonNode dets = report.get("detectors");
        assertThat(dets).hasSize(2);
        for (JsonNode d : dets) {
            assertThat(d.get("roc_auc").asDouble()).as(d.get("detector").asText()).isGreaterThan(0.9);
            assertThat(d.at("/precision_at_k/k").asInt()).isEqualTo(20);
            assertThat(d.get("fitted_rows").asInt()).isEqualTo(report.get("train_normal_rows").asInt());
            assertThat(d.get("recall_per_scenario")).extracting(x -> x.get("scenario").asText())
                    .containsExactly("data_exfiltration", "impossible_travel");
            assertThat(d.get("top_alerts")).hasSize(10);
            assertThat(d.at("/top_alerts/0/narrative").asText()).contains("std");
            assertThat(d.get("feature_correlation")).extracting(x -> x.get("feature").asText())
                    .doesNotContain("label", "scenario", "event_id").contains("bytes_out");
            long cm = 0;
            for (JsonNode v : d.get("confusion_matrix")) {
                cm += v.asLong();
            }
            assertThat(cm).isEqualTo(report.get("test_rows").asLong());
        }
        assertThat(dets.get(0).at("/feature_importance/kind").asText()).isEqualTo("split_count");

        List<Path> pngs;
        try (Stream<Path> s = Files.list(dir.resolve("out/plots"))) {
            pngs = s.sorted().toList();
        }
        assertThat(pngs).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "model-comparison.png", "roc-curves.png", "precision-recall-curves.png",
                "iforest-score-histogram.png", "iforest-confusion-matrix.png", "iforest-feature-correlation.png",
                "iforest-deviant-features.png", "iforest-feature-importance.png",
                "hbos-score-histogram.png", "hbos-confusion-matrix.png", "hbos-feature-correlation.png",
                "hbos-deviant-features.png");
        for (Path p : pngs) {
            byte[] b = Files.readAllBytes(p);
            assertThat(b.length).as(p.toString()).isGreaterThan(5_000);
            assertThat(java.util.Arrays.copyOf(b, 8)).as(p.toString()).isEqualTo(PNG);
        }
        String html = Files.readString(dir.resolve("out/report.html"), StandardCharsets.UTF_8);
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(pngs.size() + 1);
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .contains("Top 10 alerts of iforest").contains("impossible_travel");
    }

    @Test
    void heldOutTestPartServesSupervisedDetectorsToo() throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(dir, "evaluate", "--input", soc.toString(), "--id-column", "event_id",
                "--detectors", "iforest,random_forest", "--test-anomalies", "held-out", "--top-k", "3",
                "--threshold-percentile", "98", "--report", "eval.json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(dir.resolve("eval.json").toFile());
        assertThat(report.at("/protocol/test_anomalies").asText()).isEqualTo("held_out");
        assertThat(report.get("test_rows").asInt()).isEqualTo(800);
        assertThat(report.get("test_anomalies").asInt()).isEqualTo(8);
        JsonNode rf = report.get("detectors").get(1);
        assertThat(rf.get("supervised").asBoolean()).isTrue();
        assertThat(rf.get("fitted_rows").asInt()).isEqualTo(report.get("train_rows").asInt()).isEqualTo(3200);
        assertThat(rf.at("/feature_importance/kind").asText()).isEqualTo("gini");
        assertThat(rf.get("top_alerts")).hasSize(3);
        assertThat(rf.get("flagged").asInt()).isBetween(16, 24);   // the top 2% of 800 rows, give or take ties
    }

    @Test
    void protocolsChooseWhatIsFittedAndWhatIsTested() throws Exception {
        SentinelProcess.Result u = SentinelProcess.run(dir, "evaluate", "--input", soc.toString(), "--id-column", "event_id",
                "--detectors", "knn,auto", "--protocol", "unsupervised", "--top-n", "0", "--report", "u.json");
        assertThat(u.exitCode()).as(u.err()).isZero();
        assertThat(u.out()).contains("unsupervised protocol: fitted on every row without labels");
        JsonNode ur = JSON.readTree(dir.resolve("u.json").toFile());
        assertThat(ur.at("/protocol/name").asText()).isEqualTo("unsupervised");
        assertThat(ur.at("/protocol/train_fraction").isMissingNode()).isTrue();
        assertThat(ur.get("test_rows").asInt()).isEqualTo(4000);
        assertThat(ur.at("/detectors/0/fitted_rows").asInt()).isEqualTo(4000);
        assertThat(ur.at("/detectors/1/detector").asText()).isEqualTo("auto");

        SentinelProcess.Result a = SentinelProcess.run(dir, "evaluate", "--input", soc.toString(), "--id-column", "event_id",
                "--detectors", "iforest,random_forest", "--protocol", "adbench", "--top-n", "0", "--report", "a.json");
        assertThat(a.exitCode()).as(a.err()).isZero();
        JsonNode ar = JSON.readTree(dir.resolve("a.json").toFile());
        assertThat(ar.at("/protocol/name").asText()).isEqualTo("adbench");
        assertThat(ar.at("/protocol/train_fraction").asDouble()).isEqualTo(0.7);
        assertThat(ar.get("test_rows").asInt()).isEqualTo(1200);
        assertThat(ar.get("test_anomalies").asInt()).isEqualTo(12);
        assertThat(ar.at("/detectors/0/fitted_rows").asInt()).isEqualTo(2800);   // anomalies of the training part included

        SentinelProcess.Result bad = SentinelProcess.run(dir, "evaluate", "--input", soc.toString(), "--detectors", "xgboost",
                "--protocol", "unsupervised", "--report", "bad.json");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unsupervised protocol").doesNotContain("Exception");
        SentinelProcess.Result unknown = SentinelProcess.run(dir, "evaluate", "--input", soc.toString(), "--protocol", "cheating");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unsupervised, semi-supervised or adbench");
        assertThat(dir.resolve("bad.json")).doesNotExist();
    }

    @Test
    void evaluatesASavedBundleOnEveryRow() throws Exception {
        SentinelProcess.Result train = SentinelProcess.run(dir, "train", "--input", soc.toString(), "--id-column", "event_id",
                "--ignore-column", "scenario", "--model-out", "m.srb");
        assertThat(train.exitCode()).as(train.err()).isZero();
        SentinelProcess.Result r = SentinelProcess.run(dir, "evaluate", "--input", soc.toString(), "--model", "m.srb",
                "--report", "eval.json", "--html", "r.html");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(dir.resolve("eval.json").toFile());
        assertThat(report.get("mode").asText()).isEqualTo("bundle");
        assertThat(report.get("model").asText()).isEqualTo("m.srb");
        assertThat(report.get("test_rows").asInt()).isEqualTo(4000);
        assertThat(report.at("/detectors/0/detector").asText()).isEqualTo("iforest");
        assertThat(report.at("/detectors/0/roc_auc").asDouble()).isGreaterThan(0.9);
        assertThat(Files.readString(dir.resolve("r.html"))).contains("m.srb");
    }

    @Test
    void badInputExitsWithTwoAndWritesNothing() throws Exception {
        Path unlabelled = dir.resolve("unlabelled.csv");
        Files.writeString(unlabelled, "a,b\n1,2\n3,4\n5,6\n");
        List<List<String>> cases = List.of(
                List.of("--input", unlabelled.toString()),
                List.of("--input", soc.toString(), "--detectors", "iforest,nope"),
                List.of("--input", soc.toString(), "--detectors", "xgboost"),
                List.of("--input", soc.toString(), "--train-fraction", "1.5"),
                List.of("--input", soc.toString(), "--model", "x.srb", "--detectors", "iforest"));
        List<String> expected = List.of("has no labels", "unknown detector type 'nope'", "--test-anomalies held-out",
                "train fraction", "--model evaluates a saved bundle");
        for (int i = 0; i < cases.size(); i++) {
            String[] args = Stream.concat(Stream.of("evaluate", "--report", "bad.json", "--html", "bad.html"),
                    cases.get(i).stream()).toArray(String[]::new);
            SentinelProcess.Result r = SentinelProcess.run(dir, args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).contains(expected.get(i)).doesNotContain("Exception");
        }
        assertThat(dir.resolve("bad.json")).doesNotExist();
        assertThat(dir.resolve("bad.html")).doesNotExist();
        SentinelProcess.Result help = SentinelProcess.run(dir, "evaluate", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--plots-dir").contains("--html").contains("--threshold-percentile");
    }
}
