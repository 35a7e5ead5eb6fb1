package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one alert shape and the output rules, through the real command: exports, reports and
 * predict answers validate against docs/schemas; CSV formulas are neutralised (issue 12 item 6);
 * huge values are cut on stdout but kept in exports (item 7); predict's rules for unknown,
 * absent, empty and textual fields (item 9).
 */
@Tag("integration")
class OutputShapeE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA_ID = "https://sentinelrisk.io/schemas/";
    private static final Path SCHEMAS = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();

    @TempDir
    static Path shared;
    static Path model;

    @TempDir
    Path dir;

    /** A model of two numeric columns and a text column, trained on generated rows. */
    @BeforeAll
    static void trainOnce() throws Exception {
        Path data = shared.resolve("events.csv");
        Files.writeString(data, events(300, null));
        model = shared.resolve("m.srb");
        SentinelProcess.Result t = SentinelProcess.run(shared, "train", "--input", data.toString(), "--model-out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
    }

    /** {@code rows} ordinary events (amount, count, channel), the last one odd with {@code oddChannel} if given. */
    private static String events(int rows, String oddChannel) {
        Random rnd = new Random(7);
        StringBuilder sb = new StringBuilder("amount,count,channel\n");
        String[] channels = {"web", "app", "shop"};
        for (int i = 0; i < rows; i++) {
            boolean odd = oddChannel != null && i == rows - 1;
            double amount = odd ? 90000 : Math.round((100 + 20 * rnd.nextGaussian()) * 100) / 100.0;
            sb.append(amount).append(',').append(odd ? 40 : 3 + rnd.nextInt(3)).append(',')
                    .append(odd ? '"' + oddChannel.replace("\"", "\"\"") + '"' : channels[i % 3]).append('\n');
        }
        return sb.toString();
    }

    private static Schema schema(String file) {
        // the schemas' $id are names, not addresses: read them from docs/schemas, never from the network
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(iri -> iri.startsWith(SCHEMA_ID) ? read(SCHEMAS.resolve(iri.substring(SCHEMA_ID.length()))) : null));
        return registry.getSchema(SchemaLocation.of(SCHEMA_ID + file));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertValid(String schemaFile, JsonNode node) {
        List<Error> errors = schema(schemaFile).validate(node);
        assertThat(errors).as(schemaFile + " on " + node.toString().substring(0, Math.min(300, node.toString().length()))).isEmpty();
    }

    @Test
    void exportsReportsAndPredictAnswersMatchTheSchemas() throws Exception {
        Path baseline = dir.resolve("baseline.csv");
        SentinelProcess.Result demo = SentinelProcess.run(dir, "demo", "--samples", "1500", "--anomalies", "30",
                "--save-data", baseline.toString(), "--export-json", "demo-top.json", "--report", "demo-report.json");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        SentinelProcess.Result train = SentinelProcess.run(dir, "train", "--input", baseline.toString(), "--id-column", "event_id",
                "--ignore-column", "scenario", "--model-out", "soc.srb", "--export-json", "top.json", "--report", "report.json",
                "--mapping", "pack:soc");
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode top = JSON.readTree(dir.resolve("top.json").toFile());
        assertThat(top.size()).isPositive();
        assertThat(top.get(0).at("/business/category").asText()).isNotEmpty();
        assertThat(top.get(0).at("/business/narrative").asText()).contains("Risk: ").contains(" | SLA: ").contains(" | Action: ");
        assertValid("alerts.schema.json", top);
        assertValid("alerts.schema.json", JSON.readTree(dir.resolve("demo-top.json").toFile()));
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertValid("summary-report.schema.json", report);
        assertThat(report.has("metrics")).isTrue();
        assertThat(report.at("/business/mapping").asText()).isEqualTo("pack:soc");
        assertThat(report.at("/business/alerts").asLong()).isEqualTo(report.get("anomalies").asLong());
        assertValid("summary-report.schema.json", JSON.readTree(dir.resolve("demo-report.json").toFile()));

        // predict emits the same shape as the export: the same record gives the same alert, but for where it came from
        JsonNode first = top.get(0);
        Path records = dir.resolve("records.jsonl");
        Files.writeString(records, JSON.writeValueAsString(first.get("features")) + "\n{\"bytes_out\": 12000, \"hour\": 9}\n");
        SentinelProcess.Result p = SentinelProcess.run(dir, "predict", "--model", "soc.srb", "--input", records.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertValid("predict-line.schema.json", JSON.readTree(line));
        }
        ObjectNode answer = (ObjectNode) JSON.readTree(lines.get(0));
        assertThat(answer.get("line").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(lines.get(1)).get("line").asInt()).isEqualTo(2);
        ObjectNode exported = first.deepCopy();
        for (String where : List.of("row", "line", "source", "label")) {
            exported.remove(where);
            answer.remove(where);
        }
        assertThat(answer).isEqualTo(exported);

        // the schemas are strict enough to catch a wrong shape
        ObjectNode broken = first.deepCopy();
        broken.put("severity", "High");
        assertThat(schema("alert.schema.json").validate(broken)).isNotEmpty();
        broken = first.deepCopy();
        broken.remove("risk_reason");
        assertThat(schema("alert.schema.json").validate(broken)).isNotEmpty();
        broken = first.deepCopy();
        ((ObjectNode) broken.get("business")).put("sla_minutes", "15");
        assertThat(schema("alert.schema.json").validate(broken)).isNotEmpty();
        broken = first.deepCopy();
        ((ObjectNode) broken.get("business")).remove("recommended_action");
        assertThat(schema("alert.schema.json").validate(broken)).isNotEmpty();
    }

    @Test
    void csvExportNeutralisesFormulasAndJsonKeepsThemRaw() throws Exception {
        String formula = "=HYPERLINK(\"http://x.test\",\"click\")";
        Path data = dir.resolve("hostile.csv");
        // hostile text cells in ordinary rows, the odd last row a formula, and a negative amount (data, not a formula)
        String[] hostile = {"+cmd", "@SUM(A1)", "-2+3", "\tx", "\rx"};
        StringBuilder rows = new StringBuilder(events(200, formula));
        for (String h : hostile) {
            rows.append("-12.5,4,\"").append(h).append("\"\n");
        }
        Files.writeString(data, rows.toString());
        SentinelProcess.Result r = SentinelProcess.run(dir, "score", "--input", data.toString(), "--model", model.toString(),
                "--export-csv", "card.csv", "--export-json", "top.json", "--top-n", "300");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String card = Files.readString(dir.resolve("card.csv"));
        assertThat(card).contains(",\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\",")
                .contains("\n-12.5,4,'+cmd,").contains(",'@SUM(A1),").contains(",'-2+3,")
                .contains("'\tx").contains("'\rx");   // a negative amount stays a number
        for (String h : hostile) {
            assertThat(card).doesNotContain("," + h + ",").doesNotContain(",\"" + h + "\",");
        }
        JsonNode top = JSON.readTree(dir.resolve("top.json").toFile());
        assertThat(top.findValuesAsText("channel")).contains(formula, "+cmd", "@SUM(A1)", "-2+3", "\tx", "\rx");
    }

    @Test
    void hugeValuesAreCutOnStdoutButExportedWhole() throws Exception {
        String huge = "z".repeat(1_000_000);
        Path data = dir.resolve("huge.csv");
        Files.writeString(data, events(200, huge));
        SentinelProcess.Result r = SentinelProcess.run(dir, "score", "--input", data.toString(), "--model", model.toString(),
                "--export-json", "top.json", "--top-n", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().length()).isLessThan(5_000);
        assertThat(r.out()).contains("… (1000000 chars)");
        JsonNode top = JSON.readTree(dir.resolve("top.json").toFile());
        assertThat(top.get(0).at("/features/channel").asText()).isEqualTo(huge);
    }

    @Test
    void predictNamesUnknownFieldsRefusesUselessRecordsAndReadsTextNumbers() throws Exception {
        SentinelProcess.Result ok = SentinelProcess.run(dir, "predict", "--model", model.toString(),
                "--record", "{\"amount\": \"42\", \"count\": \"\", \"chanel\": \"web\"}");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("warning").contains("chanel").doesNotContain("amount");
        JsonNode alert = JSON.readTree(ok.out());
        assertThat(alert.at("/features/amount").isNumber()).isTrue();
        assertThat(alert.at("/features/amount").asDouble()).isEqualTo(42.0);
        assertThat(alert.at("/features/count").isNull()).isTrue();   // "" is missing, as an empty CSV cell

        for (String record : List.of("{}", "{\"idd\": 5}", "{\"amount\": null, \"count\": \"\"}")) {
            SentinelProcess.Result bad = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--record", record);
            assertThat(bad.exitCode()).as(record).isEqualTo(2);
            assertThat(bad.out()).isEmpty();
            List<String> lines = bad.err().lines().filter(l -> !l.contains("warning")).toList();
            assertThat(lines).as(bad.err()).hasSize(1);
            assertThat(lines.get(0)).contains("record 1").contains("amount, count, channel").contains("--allow-missing");
        }
        SentinelProcess.Result allowed = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--record", "{}", "--allow-missing");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(JSON.readTree(allowed.out()).get("severity").asText()).isNotEmpty();

        Path file = dir.resolve("r.jsonl");
        Files.writeString(file, "{\"amount\": 100}\n{\"amont\": 100}\n");
        SentinelProcess.Result second = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--input", file.toString());
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err()).contains(file + ":2:").contains("record 2");
    }

    @Test
    void deprecatedRiskLevelFlagsWarnAndAreIgnored() throws IOException, InterruptedException {
        String record = "{\"amount\": 90000, \"count\": 40, \"channel\": \"web\"}";
        SentinelProcess.Result plain = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--record", record);
        SentinelProcess.Result old = SentinelProcess.run(dir, "predict", "--model", model.toString(), "--record", record,
                "--high-at", "1", "--medium-at", "0");
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(old.err()).contains("--high-at is deprecated").contains("--medium-at is deprecated");
        assertThat(old.out()).isEqualTo(plain.out());
        JsonNode a = JSON.readTree(plain.out());
        assertThat(a.get("risk_level").asText()).isEqualTo(a.get("severity").asText()).isEqualTo("critical");
        assertThat(a.get("predicted_label").asInt()).isEqualTo(1);
        assertThat(a.get("anomaly_score").asDouble()).isEqualTo(a.get("score").asDouble());
        assertThat(a.get("risk_reason").asText()).isEqualTo(a.get("narrative").asText()).contains("amount");
        SentinelProcess.Result help = SentinelProcess.run(dir, "predict", "--help");
        assertThat(help.out()).doesNotContain("--high-at").contains("--allow-missing");
    }
}
