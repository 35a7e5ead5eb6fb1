package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hybrid judge made from raw events with a feature plan ({@code pipeline run --features}), scored
 * on raw events in a batch and record by record with the same numbers, then retrained from
 * analysts' verdicts ({@code retrain}): the packaged command end to end.
 */
@Timeout(600)
@Tag("integration")
class JudgeFeedbackE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events predicted one by one (each record runs the whole judge: a few hundred keep the test short). */
    private static final int EVENTS = 150;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path test;
    private static Path model;
    private static List<Map<String, String>> scored;

    /** Rules over a computed feature: they only work when the plan's features exist when labels are made. */
    private static final String RULES = """
            rules:
              - name: failed_login_storm
                when: failed_attempts >= 10 or failed_login_count_24h >= 15
              - name: far_from_untrusted_device
                when: device_trusted == false and geo_distance_km > 2500
            """;

    private static final String CONFIG = """
            input: train.csv
            labels:
              heuristics: rules.yaml
              true_fraction: 0.5
            model:
              id_columns: [event_id]
              ignore_columns: [user, timestamp, device_id, scenario]
            autoencoder:
              hidden_layers: [16, 4, 16]
              epochs: 5
            judge:
              n_estimators: 30
              max_depth: 3
            evaluate:
              input: test.csv
            """;

    @BeforeAll
    static void trainOnce() throws Exception {
        for (String[] g : new String[][] {{"train.csv", "1"}, {"test.csv", "2"}}) {
            SentinelProcess.Result gen = SentinelProcess.run(shared, "generate", "soc", "-o", g[0], "--n-users", "30",
                    "--events-per-user", "60", "--contamination", "0.05", "--seed", g[1]);
            assertThat(gen.exitCode()).as(gen.err()).isZero();
        }
        sortByTime(shared.resolve("test.csv"));   // events in time order, as a client would send them one by one
        Files.writeString(shared.resolve("rules.yaml"), RULES);
        Files.writeString(shared.resolve("pipeline.yaml"), CONFIG);
        test = shared.resolve("test.csv");
        model = shared.resolve("judge.srb");
        SentinelProcess.Result run = SentinelProcess.run(shared, "pipeline", "run", "--config", "pipeline.yaml", "--features", "pack:soc",
                "--out-dir", "out", "--model-out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the evaluate stage scored the raw test events with the plan: the judge is measured
        assertThat(run.out()).contains("stage evaluate:").contains("hybrid_judge");
        SentinelProcess.Result s = SentinelProcess.run(shared, "score", "--input", test.toString(), "--model", model.toString(),
                "--export-csv", "scored.csv");
        assertThat(s.exitCode()).as(s.err()).isZero();
        scored = FeatureBundleE2ETest.readCsv(shared.resolve("scored.csv"));
    }

    private static void sortByTime(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        int ts = List.of(lines.get(0).split(",")).indexOf("timestamp");
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        rows.sort((a, b) -> a.split(",")[ts].compareTo(b.split(",")[ts]));
        rows.add(0, lines.get(0));
        Files.write(csv, rows);
    }

    @Test
    void theJudgeCarriesItsFeaturePlanAndScoresRawEventsRecordByRecordAsInABatch() throws Exception {
        assertThat(scored.get(0)).containsKey("failed_login_count_24h").containsKey("new_device");
        // giving the plan again is refused: the bundle computes it itself
        SentinelProcess.Result twice = SentinelProcess.run(dir, "score", "--input", test.toString(), "--model", model.toString(),
                "--features", "pack:soc");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("the model carries its feature plan");

        // the first events in time order, one record at a time (each sees only the events before it, as in the batch)
        Path jsonl = dir.resolve("events.jsonl");
        List<String> events = FeatureBundleE2ETest.jsonLines(test).lines().limit(EVENTS).toList();
        Files.writeString(jsonl, String.join("\n", events) + "\n");
        SentinelProcess.Result p = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--input", jsonl.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        List<String> answers = p.out().lines().toList();
        assertThat(answers).hasSize(EVENTS);
        for (int r = 0; r < EVENTS; r++) {
            JsonNode a = JSON.readTree(answers.get(r));
            assertThat(a.get("anomaly_score").asDouble()).as("event %d", r + 1).isEqualTo(Double.parseDouble(scored.get(r).get("score")));
            assertThat(a.get("is_anomaly").asBoolean()).isEqualTo(Boolean.parseBoolean(scored.get(r).get("is_anomaly")));
        }
        assertThat(scored.stream().filter(row -> row.get("is_anomaly").equals("true")).count()).isPositive();
    }

    @Test
    void retrainFeedsVerdictsToTheJudgeAndWritesOnlyABetterChallenger() throws Exception {
        // analysts judged every alert and every fourth other event, by the truth
        StringBuilder fb = new StringBuilder();
        StringBuilder agree = new StringBuilder();
        int quiet = 0;
        for (int r = 0; r < scored.size(); r++) {
            Map<String, String> row = scored.get(r);
            boolean flag = row.get("is_anomaly").equals("true");
            if (flag || r % 4 == 0) {
                fb.append(verdict(row.get("alert_id"), row.get("label").equals("1") ? "true_positive" : "false_positive"));
            }
            if (flag || (r % 4 == 0 && quiet++ < 80)) {
                agree.append(verdict(row.get("alert_id"), flag ? "true_positive" : "benign"));
            }
        }
        Files.writeString(dir.resolve("fb.jsonl"), fb);
        SentinelProcess.Result r = SentinelProcess.run(dir, "retrain", "-m", model.toString(), "--feedback", "fb.jsonl",
                "-i", test.toString(), "--heuristics", shared.resolve("rules.yaml").toString(), "--model-out", "chall.srb",
                "--promote-if-better", "--report", "retrain.json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode rep = JSON.readTree(dir.resolve("retrain.json").toFile());
        assertThat(rep.get("method").asText()).isEqualTo("refit_judge");
        assertThat(rep.get("detector").asText()).isEqualTo("hybrid_judge");
        int decided = rep.at("/verdicts/threats").asInt() + rep.at("/verdicts/no_threats").asInt();
        assertThat(rep.at("/labels/from_verdicts").asInt()).isEqualTo(decided - rep.at("/holdout/alerts").asInt());
        // the generated data has a label column: the data's labels come before the rules
        assertThat(rep.at("/labels/from_data").asInt()).isEqualTo(scored.size() - decided);
        assertThat(r.out()).contains("the hybrid judge refitted with the verdicts as its strongest labels")
                .contains("on " + rep.at("/holdout/alerts").asInt() + " held-back verdicts");
        boolean wins = rep.at("/challenger/metric_value").asDouble() > rep.at("/champion/metric_value").asDouble();
        assertThat(rep.get("winner").asText()).isEqualTo(wins ? "challenger" : "champion");
        assertThat(dir.resolve("chall.srb").toFile().exists()).isEqualTo(wins);
        if (wins) {
            // the challenger keeps the feature plan: it scores raw events
            SentinelProcess.Result s = SentinelProcess.run(dir, "score", "--input", test.toString(), "--model", "chall.srb");
            assertThat(s.exitCode()).as(s.err()).isZero();
        }

        // verdicts that agree with every flag of the champion: it is perfect on them, nothing is written
        Files.writeString(dir.resolve("agree.jsonl"), agree);
        SentinelProcess.Result keep = SentinelProcess.run(dir, "retrain", "-m", model.toString(), "--feedback", "agree.jsonl",
                "-i", test.toString(), "--model-out", "none.srb", "--promote-if-better", "--report", "keep.json");
        assertThat(keep.exitCode()).as(keep.err()).isZero();
        JsonNode k = JSON.readTree(dir.resolve("keep.json").toFile());
        assertThat(k.at("/champion/f1").asDouble()).isEqualTo(1.0);
        assertThat(k.get("decision").asText()).isEqualTo("kept_champion");
        assertThat(keep.out()).contains("keeping the champion, nothing written");
        assertThat(dir.resolve("none.srb")).doesNotExist();

        // --heuristics only goes with a judge
        Path plain = dir.resolve("plain.srb");
        assertThat(SentinelProcess.run(dir, "train", "-i", test.toString(), "-m", plain.toString()).exitCode()).isZero();
        SentinelProcess.Result refused = SentinelProcess.run(dir, "retrain", "-m", plain.toString(), "--feedback", "fb.jsonl",
                "-i", test.toString(), "--heuristics", shared.resolve("rules.yaml").toString(), "--model-out", "x.srb");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("--heuristics: the model has no hybrid judge");
        assertThat(dir.resolve("x.srb")).doesNotExist();
    }

    private static String verdict(String alertId, String verdict) {
        return "{\"alert_id\": \"" + alertId + "\", \"verdict\": \"" + verdict + "\", \"analyst\": \"kim\", \"time\": \"2024-02-01T09:00:00Z\"}\n";
    }
}
