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
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --export-format} through the real command: the top-N export as the JSON array (default,
 * unchanged), ECS / OCSF / HEC NDJSON and CEF lines, with a hostile text value in the data that
 * must stay inside its field (no extra line, no forged CEF key).
 */
@Tag("integration")
class ExportFormatE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "x|y\\z=w\nCEF:0|Evil|a|1|2|3|10|act=drop <script>alert(1)</script>";
    private static final Map<String, String> EPOCH = Map.of("SOURCE_DATE_EPOCH", "1796552130");

    @TempDir
    static Path shared;
    static Path model;
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() throws Exception {
        Path train = shared.resolve("train.csv");
        Files.writeString(train, events(300, null));
        model = shared.resolve("m.srb");
        SentinelProcess.Result t = SentinelProcess.run(shared, "train", "--input", train.toString(), "--model-out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        data = shared.resolve("new.csv");
        Files.writeString(data, events(200, HOSTILE));
    }

    /** {@code rows} ordinary events (amount, count, user), the last one odd with user {@code oddUser} if given. */
    private static String events(int rows, String oddUser) {
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder("amount,count,user\n");
        String[] users = {"alice", "bob", "carol"};
        for (int i = 0; i < rows; i++) {
            boolean odd = oddUser != null && i == rows - 1;
            double amount = odd ? 90000 : Math.round((100 + 20 * rnd.nextGaussian()) * 100) / 100.0;
            sb.append(amount).append(',').append(odd ? 40 : 3 + rnd.nextInt(3)).append(',')
                    .append(odd ? '"' + oddUser.replace("\"", "\"\"") + '"' : users[i % 3]).append('\n');
        }
        return sb.toString();
    }

    private SentinelProcess.Result score(String out, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("score", "--input", data.toString(), "--model", model.toString(),
                "--export-json", out, "--top-n", "4"));
        args.addAll(List.of(extra));
        SentinelProcess.Result r = SentinelProcess.run(dir, EPOCH, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    @Test
    void eachFormatWritesTheTopAlertsAndKeepsHostileTextInsideItsField() throws Exception {
        score("top.json");
        JsonNode array = JSON.readTree(dir.resolve("top.json").toFile());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(4);
        assertThat(array.get(0).at("/features/user").asText()).isEqualTo(HOSTILE);
        score("top-default.json", "--export-format", "json");
        assertThat(Files.readString(dir.resolve("top-default.json"))).isEqualTo(Files.readString(dir.resolve("top.json")));

        score("top.ecs.ndjson", "--export-format", "ecs");
        List<String> ecs = Files.readAllLines(dir.resolve("top.ecs.ndjson"));
        assertThat(ecs).hasSize(4);
        JsonNode first = JSON.readTree(ecs.get(0));
        assertThat(first.at("/event/kind").asText()).isEqualTo("alert");
        assertThat(first.at("/user/name").asText()).isEqualTo(HOSTILE);
        assertThat(first.at("/event/risk_score_norm").asDouble()).isEqualTo(array.get(0).get("risk").asDouble());
        assertThat(first.at("/event/created").asText()).isEqualTo("2026-12-06T10:15:30Z");
        assertThat(first.at("/sentinelrisk")).isEqualTo(array.get(0));

        score("top.ocsf.ndjson", "--export-format", "OCSF");
        List<String> ocsf = Files.readAllLines(dir.resolve("top.ocsf.ndjson"));
        assertThat(ocsf).hasSize(4);
        for (String line : ocsf) {
            JsonNode f = JSON.readTree(line);
            assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
            assertThat(f.at("/finding_info/uid").asText()).startsWith("sr-");
        }

        score("top.hec", "--export-format", "hec");
        List<String> hec = Files.readAllLines(dir.resolve("top.hec"));
        assertThat(hec).hasSize(4);
        assertThat(JSON.readTree(hec.get(0)).get("event")).isEqualTo(array.get(0));
        assertThat(JSON.readTree(hec.get(0)).get("time").decimalValue()).isEqualByComparingTo("1796552130");

        score("top.cef", "--export-format", "cef");
        List<String> cef = Files.readAllLines(dir.resolve("top.cef"));
        assertThat(cef).hasSize(4).allMatch(l -> l.startsWith("CEF:0|SentinelRisk|SentinelRisk|"));
        String hostileLine = cef.get(0);
        assertThat(hostileLine).contains("suser=x|y\\\\z\\=w\\nCEF:0|Evil|a|1|2|3|10|act\\=drop <script>");
        // 7 header fields, then the extension (where a pipe needs no escape): the event forged neither
        String[] parts = hostileLine.split("(?<!\\\\)\\|", 8);
        assertThat(parts[6]).isEqualTo("10");
        assertThat(parts[7]).startsWith("rt=1796552130000 externalId=sr-");
    }

    @Test
    void trainAndDemoTakeTheFlagToo() throws Exception {
        Path train = dir.resolve("t.csv");
        Files.writeString(train, events(300, null));
        SentinelProcess.Result t = SentinelProcess.run(dir, "train", "--input", train.toString(), "--model-out", "m.srb",
                "--export-json", "train.cef", "--export-format", "cef", "--top-n", "3");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("train.cef"))).hasSize(3).allMatch(l -> l.startsWith("CEF:0|"));
        SentinelProcess.Result d = SentinelProcess.run(dir, "demo", "--samples", "800", "--anomalies", "10",
                "--export-json", "demo.ndjson", "--export-format", "ecs", "--top-n", "2");
        assertThat(d.exitCode()).as(d.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("demo.ndjson"))).hasSize(2);
    }

    @Test
    void aFormatWithoutAFileOrAnUnknownFormatIsAUsageError() throws Exception {
        SentinelProcess.Result noFile = SentinelProcess.run(dir, "score", "--input", data.toString(), "--model", model.toString(),
                "--export-format", "cef");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err().strip()).contains("--export-format cef needs --export-json FILE").doesNotContain("\n");
        SentinelProcess.Result unknown = SentinelProcess.run(dir, "score", "--input", data.toString(), "--model", model.toString(),
                "--export-json", "x.out", "--export-format", "xml");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("xml").contains("json, ecs, ocsf, cef, hec");
        assertThat(Files.exists(dir.resolve("x.out"))).isFalse();
        SentinelProcess.Result help = SentinelProcess.run(dir, "score", "--help");
        assertThat(help.out()).contains("--export-format").contains("default: json");
    }
}
