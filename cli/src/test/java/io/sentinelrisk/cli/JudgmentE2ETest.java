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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entity risk, incidents, feedback statistics and retraining, run as the {@code sentinel} command on
 * generated SOC data with planted chains (docs/entities.md, docs/feedback.md).
 */
@Tag("slow")
class JudgmentE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path data;
    private static Path model;
    private static Path card;

    @BeforeAll
    static void trainOnce() throws Exception {
        data = shared.resolve("soc.csv");
        ok(shared, "generate", "soc", "--n-users", "40", "--events-per-user", "100", "--chains", "6", "-o", data.toString());
        Path cfg = shared.resolve("cfg.yaml");
        Files.writeString(cfg, "entity_column: user\ntime_column: timestamp\nid_columns: [event_id]\nignore_columns: [scenario, chain]\n"
                + "contamination: 0.1\nn_estimators: 50\n");
        model = shared.resolve("soc.srb");
        card = shared.resolve("card.csv");
        ok(shared, "train", "-i", data.toString(), "-c", cfg.toString(), "-m", model.toString(), "--export-csv", card.toString(),
                "--export-json", shared.resolve("top.json").toString(), "--report", shared.resolve("report.json").toString());
    }

    private static SentinelProcess.Result ok(Path where, String... args) throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(where, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r;
    }

    /** The scorecard as rows of named cells (no quoted commas in generated SOC data). */
    private static List<Map<String, String>> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void alertsCarryEntityTimeAndIdsThatScoreReproduces() throws Exception {
        JsonNode top = JSON.readTree(shared.resolve("top.json").toFile());
        JsonNode first = top.get(0);
        assertThat(first.get("alert_id").asText()).matches("[0-9a-f]{16}");
        assertThat(first.get("entity").asText()).matches("u\\d+");
        assertThat(first.get("event_time").asText()).endsWith("Z");
        List<Map<String, String>> rows = rows(card);
        Map<String, String> row = rows.get(first.get("row").asInt());
        assertThat(row.get("alert_id")).isEqualTo(first.get("alert_id").asText());
        assertThat(row.get("entity")).isEqualTo(row.get("user"));
        assertThat(row.get("event_time")).isEqualTo(row.get("timestamp"));
        assertThat(row.get("top_reason")).matches("(high|low|rare) \\w+");
        // the same model scoring the same events gives the same ids
        Path again = dir.resolve("again.csv");
        ok(dir, "score", "-m", model.toString(), "-i", data.toString(), "--export-csv", again.toString());
        assertThat(rows(again)).extracting(r -> r.get("alert_id")).isEqualTo(rows.stream().map(r -> r.get("alert_id")).toList());
        JsonNode report = JSON.readTree(shared.resolve("report.json").toFile());
        assertThat(report.at("/top_entities/half_life").asText()).isEqualTo("24h");
        assertThat(report.at("/top_entities/top").size()).isBetween(1, 10);
    }

    @Test
    void entitiesAndIncidentsRankAndLinkThePlantedChains() throws Exception {
        SentinelProcess.Result e = ok(dir, "entities", "--scored", card.toString(), "--top", "3", "--half-life", "12h",
                "--report", "entities.json");
        assertThat(e.out()).contains("half-life 12h").contains("rank  entity");
        JsonNode ents = JSON.readTree(dir.resolve("entities.json").toFile());
        JsonNode list = ents.get("entities");
        assertThat(list.size()).isPositive();
        for (int i = 1; i < list.size(); i++) {
            assertThat(list.get(i).get("risk").asDouble()).isLessThanOrEqualTo(list.get(i - 1).get("risk").asDouble());
        }
        SentinelProcess.Result inc = ok(dir, "incidents", "--scored", card.toString(), "--truth-column", "chain", "--report", "incidents.json");
        assertThat(inc.out()).contains("planted chains: 6");
        JsonNode incidents = JSON.readTree(dir.resolve("incidents.json").toFile());
        assertThat(incidents.at("/chain_recovery/chains").asInt()).isEqualTo(6);
        assertThat(incidents.at("/chain_recovery/recovered").asInt()).isPositive();
        JsonNode firstIncident = incidents.get("incidents").get(0);
        assertThat(firstIncident.get("narrative").asText()).contains(" → ").startsWith(firstIncident.get("entity").asText() + ": ");
        // a file that is not a scorecard, a bad duration: exit 2 and one line
        SentinelProcess.Result notCard = SentinelProcess.run(dir, "entities", "--scored", data.toString());
        assertThat(notCard.exitCode()).isEqualTo(2);
        assertThat(notCard.err()).contains("not a scorecard: no 'score' column");
        SentinelProcess.Result badGap = SentinelProcess.run(dir, "incidents", "--scored", card.toString(), "--gap", "soon");
        assertThat(badGap.exitCode()).isEqualTo(2);
        assertThat(badGap.err()).contains("--gap: expected a positive duration");
    }

    /** Verdicts on every flagged row: true_positive for planted attacks, false_positive for the rest. */
    private static String honestVerdicts(List<Map<String, String>> rows) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, String> r : rows) {
            if (r.get("is_anomaly").equals("true")) {
                String verdict = r.get("label").equals("1") ? "true_positive" : "false_positive";
                sb.append("{\"alert_id\": \"").append(r.get("alert_id")).append("\", \"verdict\": \"").append(verdict)
                        .append("\", \"analyst\": \"kim\", \"time\": \"2024-02-01T09:00:00Z\"}\n");
            }
        }
        return sb.toString();
    }

    @Test
    void feedbackStatsAndRetrainPromoteOnlyABetterChallenger() throws Exception {
        List<Map<String, String>> rows = rows(card);
        Path fb = dir.resolve("fb.jsonl");
        Files.writeString(fb, honestVerdicts(rows));
        long flagged = rows.stream().filter(r -> r.get("is_anomaly").equals("true")).count();
        long attacks = rows.stream().filter(r -> r.get("is_anomaly").equals("true") && r.get("label").equals("1")).count();
        ok(dir, "feedback", "stats", "--feedback", fb.toString(), "-m", model.toString(), "--scored", card.toString(),
                "--report", "stats.json");
        JsonNode stats = JSON.readTree(dir.resolve("stats.json").toFile());
        assertThat(stats.at("/alerts_decided").asLong()).isEqualTo(flagged);
        assertThat(stats.at("/precision/precision").asDouble()).isEqualTo((double) attacks / flagged);
        assertThat(stats.at("/category_basis").asText()).isEqualTo("severity");
        assertThat(stats.at("/unmatched_verdicts").asInt()).isZero();

        // the champion flags 10% of rows, twice the attacks: verdicts move the threshold up and the challenger wins
        assertThat(attacks).isLessThan(flagged);
        Path better = dir.resolve("better.srb");
        SentinelProcess.Result win = ok(dir, "retrain", "-m", model.toString(), "--feedback", fb.toString(), "-i", data.toString(),
                "--model-out", better.toString(), "--promote-if-better", "--report", "retrain.json");
        JsonNode r = JSON.readTree(dir.resolve("retrain.json").toFile());
        assertThat(r.get("winner").asText()).isEqualTo("challenger");
        assertThat(r.get("decision").asText()).isEqualTo("promoted");
        assertThat(r.at("/challenger/f1").asDouble()).isGreaterThan(r.at("/champion/f1").asDouble());
        assertThat(win.out()).contains("the challenger wins on f1");
        assertThat(Files.size(better)).isPositive();

        // verdicts that agree with every flag of the champion (and call 60 unflagged rows benign): nothing to gain, nothing written
        StringBuilder agree = new StringBuilder();
        int quiet = 0;
        for (Map<String, String> row : rows) {
            boolean flag = row.get("is_anomaly").equals("true");
            if (flag || quiet++ < 60) {
                agree.append("{\"alert_id\": \"").append(row.get("alert_id")).append("\", \"verdict\": \"")
                        .append(flag ? "true_positive" : "benign").append("\", \"analyst\": \"lee\", \"time\": \"2024-02-02T09:00:00Z\"}\n");
            }
        }
        Path fb2 = dir.resolve("agree.jsonl");
        Files.writeString(fb2, agree);
        Path none = dir.resolve("none.srb");
        SentinelProcess.Result keep = ok(dir, "retrain", "-m", model.toString(), "--feedback", fb2.toString(), "-i", data.toString(),
                "--model-out", none.toString(), "--promote-if-better");
        assertThat(keep.out()).contains("keeping the champion, nothing written");
        assertThat(none).doesNotExist();
    }

    @Test
    void badFeedbackAndUnsafeOutputsAreRefused() throws Exception {
        Path fb = dir.resolve("fb.jsonl");
        Files.writeString(fb, "{\"alert_id\": \"a\", \"verdict\": \"true_positive\", \"analyst\": \"k\", \"time\": \"2024-02-01T09:00:00Z\"}\n"
                + "{\"alert_id\": \"a\", \"verdict\": \"yes\", \"analyst\": \"k\", \"time\": \"2024-02-01T09:00:00Z\"}\n");
        SentinelProcess.Result bad = SentinelProcess.run(dir, "feedback", "stats", "--feedback", fb.toString(), "-m", model.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("sentinel feedback stats: error: " + fb + ":2:30: verdict must be one of "
                + "true_positive, false_positive, benign, unknown, found 'yes'");
        SentinelProcess.Result same = SentinelProcess.run(dir, "retrain", "-m", model.toString(), "--feedback", fb.toString(),
                "-i", data.toString(), "--model-out", model.toString());
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("is the same file as the input");
    }
}
