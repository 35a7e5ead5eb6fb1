package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business mapping through the real command: train keeps it in the bundle, and score,
 * predict, evaluate, the exports, the report and demo apply it; bad mapping files are one located
 * line and exit 2, with nothing written.
 */
@Tag("integration")
class MappingE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The narrative style every mapped alert shows. */
    private static final Pattern LINE = Pattern.compile(
            "\\S.*\\. Risk: (LOW|MEDIUM|HIGH|CRITICAL|INFO)( \\| Est\\. Cost: \\$[0-9,]+)? \\| SLA: (\\d+ (min|h)|none) \\| Action: .+");

    @TempDir
    static Path shared;
    static Path data;
    static Path model;

    @TempDir
    Path dir;

    /** Labelled SOC telemetry with planted attacks, and a model trained on it with the soc pack. */
    @BeforeAll
    static void trainOnce() throws Exception {
        data = shared.resolve("soc.csv");
        SentinelProcess.Result demo = SentinelProcess.run(shared, "demo", "--samples", "3000", "--contamination", "0.04",
                "--save-data", data.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        model = shared.resolve("soc.srb");
        SentinelProcess.Result train = SentinelProcess.run(shared, "train", "--input", data.toString(), "--ignore-column", "scenario",
                "--contamination", "0.04", "--mapping", "pack:soc", "--model-out", model.toString(),
                "--export-csv", "train-card.csv", "--report", "train-report.json");
        assertThat(train.exitCode()).as(train.err()).isZero();
    }

    @Test
    void trainKeepsTheMappingAndEveryOutputOfScoreCarriesIt() throws Exception {
        SentinelProcess.Result score = SentinelProcess.run(dir, "score", "--input", data.toString(), "--model", model.toString(),
                "--export-json", "top.json", "--export-csv", "card.csv", "--report", "report.json", "--top-n", "40");
        assertThat(score.exitCode()).as(score.err()).isZero();

        JsonNode top = JSON.readTree(dir.resolve("top.json").toFile());
        assertThat(top.size()).isEqualTo(40);
        for (JsonNode a : top) {
            JsonNode b = a.get("business");
            assertThat(b).as(a.toString()).isNotNull();
            assertThat(b.get("narrative").asText()).matches(LINE);
            assertThat(b.get("recommended_action").asText()).isNotEmpty();
        }
        // on generated data the category names the planted scenario: every alert of a brute-force storm is one
        JsonNode brute = find(top, "brute_force");
        assertThat(brute.at("/business/narrative").asText()).startsWith("Brute-force attack detected. ")
                .contains(" failed logins in one burst against " + brute.at("/features/user").asText())
                .contains("Risk: HIGH | Est. Cost: $15,000 | SLA: 30 min | Action: Lock the account temporarily")
                .endsWith("| Escalation: soc_tier1 → soc_tier2");
        assertThat(brute.at("/business/escalation").toString()).isEqualTo("[\"soc_tier1\",\"soc_tier2\"]");

        List<String> card = Files.readAllLines(dir.resolve("card.csv"));
        assertThat(card.get(0)).endsWith(",score,risk,severity,is_anomaly,alert_id,entity,event_time,top_reason,category,estimated_cost,currency,sla_minutes,recommended_action");
        long exfiltration = card.stream().filter(l -> l.contains(",data_exfiltration,250000,USD,15,")).count();
        assertThat(exfiltration).isPositive();
        // a record not flagged is in the generic category of its severity: info has no SLA
        // (between is_anomaly and category: alert_id, entity, event_time, and an empty top_reason for a row not flagged)
        assertThat(card.stream().filter(l -> l.matches(".*,info,false,[0-9a-f]{16},[^,]*,[^,]*,,unclassified,,USD,,"
                + "\"None: normal activity, kept for reference.\"")).count()).isPositive();

        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        JsonNode business = report.get("business");
        assertThat(business.get("mapping").asText()).isEqualTo("pack:soc");
        long sum = 0;
        double cost = 0;
        for (JsonNode c : business.get("categories")) {
            sum += c.get("alerts").asLong();
            cost += c.get("estimated_cost").isNull() ? 0 : c.get("estimated_cost").asDouble();
        }
        assertThat(sum).isEqualTo(report.get("anomalies").asLong()).isEqualTo(business.get("alerts").asLong());
        assertThat(business.at("/totals/0/estimated_cost").asDouble()).isEqualTo(cost).isPositive();
        // the scorecard and the report agree: cost of a category = its alerts × its cost per alert
        // (between is_anomaly and category: alert_id, entity, event_time and top_reason)
        long flaggedExfiltration = card.stream()
                .filter(l -> l.matches(".*,(critical|high|medium|info),true,[0-9a-f]{16},[^,]*,[^,]*,[^,]*,data_exfiltration,.*")).count();
        assertThat(flaggedExfiltration).isPositive();
        JsonNode ex = find(business.get("categories"), "data_exfiltration", "category");
        assertThat(ex.get("alerts").asLong()).isEqualTo(flaggedExfiltration);
        assertThat(ex.get("estimated_cost").asDouble()).isEqualTo(250000.0 * flaggedExfiltration);

        assertThat(score.out()).contains("alerts and estimated cost per category (pack:soc").contains("  total ");
    }

    @Test
    void predictMapsEachRecordLikeTheExport() throws Exception {
        String storm = "{\"event_id\": 1, \"user\": \"user_3576664\", \"timestamp\": \"2024-01-10T03:00:00Z\", \"event_type\": \"login\", "
                + "\"success\": false, \"hour\": 3, \"bytes_in\": 400, \"bytes_out\": 300, \"device_id\": \"x-9\", "
                + "\"device_trusted\": false, \"country\": \"US\", \"lat\": 40.7, \"lon\": -74.0, \"failed_attempts\": 20, "
                + "\"geo_distance_km\": 0}";
        SentinelProcess.Result p = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--record", storm);
        assertThat(p.exitCode()).as(p.err()).isZero();
        JsonNode a = JSON.readTree(p.out());
        assertThat(a.get("is_anomaly").asBoolean()).isTrue();
        assertThat(a.at("/business/category").asText()).isEqualTo("brute_force");
        assertThat(a.at("/business/narrative").asText()).startsWith(
                "Brute-force attack detected. 20 failed logins in one burst against user_3576664 from device x-9. Risk: HIGH");
    }

    @Test
    void evaluateMapsTheTopAlertsOfAFittedDetectorAndOfABundle() throws Exception {
        SentinelProcess.Result e = SentinelProcess.run(dir, "evaluate", "--input", data.toString(), "--mapping", "pack:soc",
                "--report", "ev.json", "--top-n", "5");
        assertThat(e.exitCode()).as(e.err()).isZero();
        JsonNode alerts = JSON.readTree(dir.resolve("ev.json").toFile()).at("/detectors/0/top_alerts");
        assertThat(alerts.size()).isEqualTo(5);
        for (JsonNode a : alerts) {
            assertThat(a.at("/business/narrative").asText()).matches(LINE);
        }
        assertThat(e.out()).containsPattern("top alert of iforest: .*Risk: ");
        SentinelProcess.Result bundle = SentinelProcess.run(dir, "evaluate", "--input", data.toString(), "--model", model.toString(),
                "--report", "evb.json");
        assertThat(bundle.exitCode()).as(bundle.err()).isZero();
        assertThat(JSON.readTree(dir.resolve("evb.json").toFile()).at("/detectors/0/top_alerts/0/business/category").asText())
                .isNotEmpty();
        SentinelProcess.Result both = SentinelProcess.run(dir, "evaluate", "--input", data.toString(), "--model", model.toString(),
                "--mapping", "pack:soc");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--mapping");
    }

    @Test
    void demoShowsEveryTopAlertInTheNarrativeStyleAndTheCostPerCategory() throws Exception {
        SentinelProcess.Result demo = SentinelProcess.run(dir, "demo", "--samples", "3000", "--contamination", "0.04");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        List<String> lines = demo.out().lines().toList();
        int first = lines.indexOf("top alerts:");
        assertThat(first).isPositive();
        for (int rank = 0; rank < 5; rank++) {
            String head = lines.get(first + 1 + 3 * rank);
            String narrative = lines.get(first + 2 + 3 * rank).strip();
            assertThat(head).startsWith("  " + (rank + 1) + ". row ");
            assertThat(narrative).as(demo.out()).matches(LINE).contains("| Escalation: ");
            assertThat(lines.get(first + 3 + 3 * rank)).startsWith("     why: ");
        }
        assertThat(demo.out()).contains("alerts and estimated cost per category (pack:soc; cost per alert × alerts):")
                .containsPattern("\n  brute_force +\\d+  \\$[0-9,]+\n").containsPattern("\n  total +120  \\$[0-9,]+\n");
    }

    @Test
    void badMappingFilesAreOneLocatedLineAndExitTwoWithNothingWritten() throws Exception {
        String[][] cases = {
            {"categories:\n  - name: takeover\n    when: \"logins_5m >= 10\"\n    recommended_action: Lock\n",
                "bad.yaml:3:11: when of category 'takeover': unknown field 'logins_5m' at character 1 of 'logins_5m >= 10'; expected one of"},
            {"categories:\n  - name: takeover\n    when: \"failed_attempts >= 10\"\n    recommended_action: Lock\n    narrative: \"{attempts} from {user}\"\n",
                "bad.yaml:5:16: narrative of category 'takeover': placeholder {attempts} names no column at character 1"},
            {"categories:\n  - name: takeover\n    when: \"failed_attempts >= 10\"\n",
                "bad.yaml:2:5: category 'takeover' has no 'recommended_action'"},
            {"categories:\n  - name: takeover\n    when: \"user >= 10\"\n    recommended_action: Lock\n",
                "bad.yaml:3:11: when of category 'takeover': '>=' mixes text and a number"},
            {"categories:\n  - name: takeover\n    when: \"failed_attempts >= 10\"\n    recommended_action: Lock\n    sla_minutes: soon\n",
                "bad.yaml:5:18: category 'takeover': sla_minutes: expected a whole number of minutes > 0, found 'soon'"},
        };
        for (String[] c : cases) {
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(bad, c[0]);
            SentinelProcess.Result r = SentinelProcess.run(dir, "train", "--input", data.toString(), "--mapping", "bad.yaml",
                    "--model-out", "never.srb", "--export-json", "never.json");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(c[1]);
            assertThat(dir.resolve("never.srb")).doesNotExist();
            assertThat(dir.resolve("never.json")).doesNotExist();
        }
        SentinelProcess.Result pack = SentinelProcess.run(dir, "demo", "--samples", "500", "--mapping", "pack:nope");
        assertThat(pack.exitCode()).isEqualTo(2);
        assertThat(pack.err().strip()).endsWith("unknown mapping pack 'nope'; shipped packs: pack:soc, pack:transactions, "
                + "pack:web-session, pack:metrics");
    }

    private static JsonNode find(JsonNode alerts, String category) {
        for (JsonNode a : alerts) {
            if (a.at("/business/category").asText().equals(category)) {
                return a;
            }
        }
        throw new AssertionError("no " + category + " alert among " + alerts);
    }

    private static JsonNode find(JsonNode items, String value, String field) {
        for (JsonNode a : items) {
            if (a.get(field).asText().equals(value)) {
                return a;
            }
        }
        throw new AssertionError("no " + value + " among " + items);
    }
}
