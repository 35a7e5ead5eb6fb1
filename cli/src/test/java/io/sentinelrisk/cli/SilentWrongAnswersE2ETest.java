package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, "silent wrong answers" (items 8, 10, 11, 12), through the real command: answers and
 * identifiers are not features, high-cardinality values are not "never seen", degenerate data
 * is refused or warned about, and tied scores do not inflate risk.
 */
class SilentWrongAnswersE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SentinelProcess.Result run(String... args) throws Exception {
        return SentinelProcess.run(dir, args);
    }

    private SentinelProcess.Result ok(String... args) throws Exception {
        SentinelProcess.Result r = run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r;
    }

    private JsonNode json(String file) throws Exception {
        return JSON.readTree(dir.resolve(file).toFile());
    }

    /** One scorecard row: its score, risk, severity and is_anomaly (the four columns before alert_id, entity, event_time, top_reason). */
    private record Scored(double score, double risk, String severity, boolean anomaly) {
    }

    private List<Scored> scorecard(String file) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).endsWith("score,risk,severity,is_anomaly,alert_id,entity,event_time,top_reason");
        List<Scored> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            int n = f.length - 4;
            out.add(new Scored(Double.parseDouble(f[n - 4]), Double.parseDouble(f[n - 3]), f[n - 2], Boolean.parseBoolean(f[n - 1])));
        }
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    /** Item 8: the generator's ground truth and ids are not features; production data without them scores. */
    @Test
    void groundTruthAndIdentifiersOfGeneratedDataAreNotFeatures() throws Exception {
        ok("generate", "soc", "--n-users", "30", "--events-per-user", "100", "--anomaly-fraction", "0.02", "-o", "soc.csv");
        ok("train", "-i", "soc.csv", "-m", "soc.srb", "--report", "train.json", "--export-json", "top.json");
        JsonNode report = json("train.json");
        Map<String, String> excluded = new HashMap<>();
        report.at("/training/excluded_columns").forEach(e -> excluded.put(e.get("column").asText(), e.get("role").asText()));
        assertThat(excluded).containsEntry("scenario", "ignore").containsEntry("event_id", "id").containsEntry("device_id", "id");
        JsonNode top = json("top.json");
        for (JsonNode alert : top) {
            assertThat(alert.has("id")).as("the event_id is shown as the alert's key").isTrue();
            assertThat(texts(alert.get("reasons"), "feature")).doesNotContain("scenario", "event_id", "device_id", "label");
        }
        // Production data has no answer column: the model does not need it.
        List<String> lines = Files.readAllLines(dir.resolve("soc.csv"));
        int scenario = List.of(lines.get(0).split(",")).indexOf("scenario");
        List<String> prod = new ArrayList<>();
        for (String l : lines) {
            List<String> f = new ArrayList<>(List.of(l.split(",", -1)));
            f.remove(scenario);
            f.remove(f.size() - 1);   // label
            prod.add(String.join(",", f));
        }
        Files.write(dir.resolve("prod.csv"), prod);
        ok("score", "-i", "prod.csv", "-m", "soc.srb", "--export-json", "prod-top.json");
        assertThat(json("prod-top.json").size()).isPositive();
    }

    /** Item 8: user_id of web sessions is a key, unless the config declares it a feature. */
    @Test
    void userIdIsAKeyUnlessDeclaredAFeature() throws Exception {
        ok("generate", "web-sessions", "--sessions", "3000", "-o", "web.csv");
        ok("train", "-i", "web.csv", "--export-json", "top.json", "--top-n", "200");
        for (JsonNode alert : json("top.json")) {
            assertThat(alert.get("narrative").asText()).doesNotContain("user_id").doesNotContain("session_id");
        }
        Files.writeString(dir.resolve("cfg.yaml"), "feature_columns: [user_id]\n");
        ok("train", "-i", "web.csv", "-c", "cfg.yaml", "--report", "r.json");
        assertThat(texts(json("r.json").at("/training/excluded_columns"), "column")).contains("session_id").doesNotContain("user_id");
    }

    /** Item 8: a column that gives the label away is named in a warning, on stderr and in the report. */
    @Test
    void aColumnThatPredictsTheLabelIsWarnedAbout() throws Exception {
        StringBuilder csv = new StringBuilder("amount,verdict,label\n");
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            boolean bad = i % 30 == 0;
            csv.append(Math.round(r.nextDouble() * 1000)).append(',').append(bad ? "blocked" : "allowed").append(',').append(bad ? 1 : 0).append('\n');
        }
        Files.writeString(dir.resolve("leak.csv"), csv);
        SentinelProcess.Result t = ok("train", "-i", "leak.csv", "--report", "r.json");
        assertThat(t.err()).contains("column 'verdict' predicts the label perfectly");
        assertThat(json("r.json").get("warnings").toString()).contains("'verdict'");
    }

    /** Item 10: scoring the training file, no value it holds is said to be never seen. */
    @Test
    void highCardinalityValuesSeenInTrainingAreNeverCalledUnseen() throws Exception {
        StringBuilder csv = new StringBuilder("request,country,bytes\n");
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 2500; i++) {
            String country = i % 400 == 0 ? "KP" : List.of("FR", "DE", "US").get(r.nextInt(3));
            csv.append(String.format("%016x", r.nextLong())).append(',').append(country).append(',')
                    .append(1000 + r.nextInt(500) + (i % 500 == 0 ? 90_000 : 0)).append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), csv);
        Files.writeString(dir.resolve("cfg.yaml"), "feature_columns: [request]\nexplain: {top_features: 3}\n");
        ok("train", "-i", "train.csv", "-c", "cfg.yaml", "-m", "m.srb");
        ok("score", "-i", "train.csv", "-m", "m.srb", "--export-json", "all.json", "--top-n", "2500");
        JsonNode all = json("all.json");
        assertThat(all.size()).isEqualTo(2500);
        int rareRequests = 0;
        for (JsonNode alert : all) {
            for (JsonNode reason : alert.get("reasons")) {
                String text = reason.get("text").asText();
                assertThat(text).doesNotContain("never seen");
                rareRequests += text.startsWith("request '") && text.contains("is a rare value (seen in training fewer than 2 times)") ? 1 : 0;
            }
        }
        assertThat(rareRequests).isPositive();
    }

    /** Item 11: constant columns are dropped with a warning; all-constant and tiny data are refused. */
    @Test
    void degenerateDataIsRefusedOrWarnedAbout() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,site\n");
        for (int i = 0; i < 40; i++) {
            boolean odd = i % 10 == 9;   // 4 rows differ, 36 are the same
            csv.append(odd ? 5 + i : 1).append(',').append(odd ? -i : 2).append(",paris\n");
        }
        Files.writeString(dir.resolve("mostly-same.csv"), csv);
        SentinelProcess.Result t = ok("train", "-i", "mostly-same.csv", "-m", "m.srb", "--report", "r.json");
        assertThat(t.err()).contains("column 'site' is constant in the training data (every value is 'paris'): not used as a feature");
        assertThat(json("r.json").get("warnings").toString()).contains("'site'");
        // A row equal to most training rows: risk 0, info, not an anomaly.
        Files.writeString(dir.resolve("usual.csv"), "x,y,site\n1,2,paris\n");
        ok("score", "-i", "usual.csv", "-m", "m.srb", "--export-csv", "usual-scored.csv");
        Scored usual = scorecard("usual-scored.csv").get(0);
        assertThat(usual.risk()).isZero();
        assertThat(usual.severity()).isEqualTo("info");
        assertThat(usual.anomaly()).isFalse();

        Files.writeString(dir.resolve("constant.csv"), "x,y\n" + "3,4\n".repeat(30));
        SentinelProcess.Result c = run("train", "-i", "constant.csv", "-m", "c.srb");
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err().strip()).doesNotContain("\n").contains("no feature columns to learn from")
                .contains("x (constant in the training data (every value is '3'))");
        assertThat(dir.resolve("c.srb")).doesNotExist();

        Files.writeString(dir.resolve("tiny.csv"), "x,y\n1,2\n3,4\n5,7\n");
        SentinelProcess.Result tiny = run("train", "-i", "tiny.csv");
        assertThat(tiny.exitCode()).isEqualTo(2);
        assertThat(tiny.err().strip()).doesNotContain("\n").contains("training needs at least 10 rows, the data has 3");
    }

    /**
     * Item 12: a random forest gives most web sessions the score 0.0; those rows are the
     * baseline, so risk 0 and info, and risk never decreases as the score grows.
     */
    @Test
    void tiedScoresDoNotInflateRisk() throws Exception {
        ok("generate", "web-sessions", "--sessions", "3000", "-o", "web.csv");
        ok("train", "-i", "web.csv", "--detector", "random_forest", "--export-csv", "scored.csv");
        List<Scored> rows = scorecard("scored.csv");
        Map<Double, Integer> byScore = new HashMap<>();
        rows.forEach(s -> byScore.merge(s.score(), 1, Integer::sum));
        double mode = byScore.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(byScore.get(mode)).as("the detector ties heavily").isGreaterThan(rows.size() / 2);
        for (Scored s : rows) {
            if (s.score() == mode) {
                assertThat(s.risk()).isZero();
                assertThat(s.severity()).isEqualTo("info");
                assertThat(s.anomaly()).isFalse();
            }
        }
        List<Scored> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Double.compare(a.score(), b.score()));
        List<String> order = List.of("info", "medium", "high", "critical");
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).risk()).isGreaterThanOrEqualTo(sorted.get(i - 1).risk());
            assertThat(order.indexOf(sorted.get(i).severity())).isGreaterThanOrEqualTo(order.indexOf(sorted.get(i - 1).severity()));
        }
    }
}
