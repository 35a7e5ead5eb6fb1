package io.sentinelrisk.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's behaviour, run once on the embedded store and once on PostgreSQL (the subclasses
 * choose the store). Each class starts one server with its own store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerApiContract {
    Path dir;
    SentinelServer server;
    Http http;
    String ingest;
    String analyst;
    String admin;

    /** The store options of the subclass. */
    abstract ServerOptions store(ServerOptions base);

    void cleanUp() {
    }

    @BeforeAll
    void start() throws java.io.IOException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "server-api-");
        Path model = TestModels.bundle(dir, "champion", 0.05, 7);
        server = SentinelServer.start(store(ServerOptions.defaults(model, dir.resolve("data")).withPort(0)));
        http = new Http(server.port());
        ingest = server.keys().create("feeder", Role.INGEST).token();
        analyst = server.keys().create("alice", Role.ANALYST).token();
        admin = server.keys().create("root", Role.ADMIN).token();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
        cleanUp();
    }

    @Test
    void scoresOneRecordAndABatchWithoutStoringThem() {
        Http.Response one = http.post("/v1/score", ingest, "{\"user\":\"u1\",\"amount\":250000,\"hour\":3,\"country\":\"KP\"}");
        assertThat(one.status()).isEqualTo(200);
        JsonNode alert = one.json().get("alerts").get(0);
        assertThat(alert.get("is_anomaly").asBoolean()).isTrue();
        assertThat(alert.get("risk").asDouble()).isGreaterThan(95);
        assertThat(alert.get("risk_level").asText()).isEqualTo(alert.get("severity").asText());
        assertThat(alert.get("reasons")).isNotEmpty();

        Http.Response batch = http.post("/v1/score", ingest, "[{\"user\":\"u1\",\"amount\":55,\"hour\":10,\"country\":\"US\"},"
                + "{\"user\":\"score-only\",\"amount\":250000,\"hour\":3,\"country\":\"KP\"}]");
        assertThat(batch.status()).isEqualTo(200);
        JsonNode alerts = batch.json().get("alerts");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("risk").asDouble()).isLessThan(alerts.get(1).get("risk").asDouble());
        // the same record scores the same alone and in a batch (one record path)
        assertThat(alerts.get(1).get("score").asDouble()).isEqualTo(alert.get("score").asDouble());
        assertThat(http.get("/v1/alerts?entity=score-only", analyst).json().get("alerts")).isEmpty();
    }

    /**
     * The scoring answer goes out from the thread's buffer with its length, or, to a client that
     * accepts gzip, compressed by Javalin: the same document either way, and a buffer reused
     * by a later, smaller answer holds nothing of the earlier one.
     */
    @Test
    void aScoringAnswerIsTheSameDocumentWithItsLengthOrCompressed() throws Exception {
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            big.append(i == 0 ? "" : ",").append("{\"user\":\"u").append(i % 7).append("\",\"amount\":").append(40 + i)
                    .append(",\"hour\":").append(i % 24).append(",\"country\":\"US\"}");
        }
        String body = big.append(']').toString();
        Http.Response plain = http.post("/v1/score", ingest, body);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.raw().headers().firstValueAsLong("Content-Length"))
                .hasValue((long) plain.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(plain.json().get("alerts")).hasSize(300);

        HttpResponse<byte[]> zipped = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/score"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + ingest)
                        .header("Accept-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(plain.body());

        Http.Response small = http.post("/v1/score", ingest, "{\"user\":\"u1\",\"amount\":55,\"hour\":10,\"country\":\"US\"}");
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.json().get("alerts")).hasSize(1);
        assertThat(small.raw().headers().firstValueAsLong("Content-Length"))
                .hasValue((long) small.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void eventsAreIdempotentOnEventId() {
        Random rnd = new Random(1);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(TestModels.normalEvent("idem-" + i, i % 5, 10_000 + i, rnd));
        }
        events.add(TestModels.oddEvent("idem-odd-1", 3, 10_100));
        events.add(TestModels.oddEvent("idem-odd-2", 4, 10_101));
        String body = "[" + String.join(",", events) + "]";
        Http.Response first = http.post("/v1/events?source=idem", ingest, body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(52);
        assertThat(first.json().get("duplicates").asInt()).isZero();
        Set<String> alertIds = new HashSet<>();
        for (JsonNode r : first.json().get("results")) {
            if (!r.get("alert_id").isNull()) {
                alertIds.add(r.get("alert_id").asText());
            }
        }
        assertThat(alertIds).hasSizeGreaterThanOrEqualTo(2);

        Http.Response retry = http.post("/v1/events?source=idem", ingest, body);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("accepted").asInt()).isZero();
        assertThat(retry.json().get("duplicates").asInt()).isEqualTo(52);
        Set<String> again = new HashSet<>();
        for (JsonNode r : retry.json().get("results")) {
            assertThat(r.get("duplicate").asBoolean()).isTrue();
            if (!r.get("alert_id").isNull()) {
                again.add(r.get("alert_id").asText());
            }
        }
        assertThat(again).isEqualTo(alertIds);
        JsonNode stored = http.get("/v1/alerts?source=idem&limit=1000", analyst).json().get("alerts");
        assertThat(stored).hasSize(alertIds.size());
    }

    @Test
    void deliveryLogIsReadableWithoutRoutes() {
        // no --deliveries: nothing is sent, and the log (the store's table) answers empty, not an error
        assertThat(server.deliveries()).isNull();
        Http.Response r = http.get("/v1/deliveries?status=dead_letter&limit=10", analyst);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("deliveries")).isEmpty();
        assertThat(r.json().get("next_cursor").isNull()).isTrue();
        Http.Response bad = http.get("/v1/deliveries?limit=501", analyst);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("field").asText()).isEqualTo("limit");
    }

    @Test
    void alertsPageWithACursorAndFilter() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(TestModels.oddEvent("page-" + i, 7, 20_000 + i * 2));
        }
        assertThat(http.post("/v1/events?source=paging", ingest, "[" + String.join(",", events) + "]").status()).isEqualTo(200);
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page = http.get("/v1/alerts?source=paging&limit=10" + (cursor == null ? "" : "&cursor=" + cursor), analyst);
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode a : page.json().get("alerts")) {
                assertThat(seen.add(a.get("alert_id").asText())).isTrue();
                assertThat(a.get("source").asText()).isEqualTo("paging");
                assertThat(a.get("entity").asText()).isEqualTo("u7");
            }
            cursor = page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(25);
        assertThat(pages).isEqualTo(3);
        JsonNode critical = http.get("/v1/alerts?source=paging&severity=critical&limit=1000", analyst).json().get("alerts");
        critical.forEach(a -> assertThat(a.get("severity").asText()).isEqualTo("critical"));
        String from = TestModels.START.plusSeconds(60L * 20_010).toString();
        JsonNode later = http.get("/v1/alerts?source=paging&limit=1000&from=" + from, analyst).json().get("alerts");
        assertThat(later).hasSize(20);
        assertThat(http.get("/v1/alerts?cursor=nonsense!", analyst).status()).isEqualTo(400);
    }

    @Test
    void statusAssigneeAndFeedbackWithPrecision() {
        Http.Response in = http.post("/v1/events?source=fb", ingest, "[" + TestModels.oddEvent("fb-1", 11, 30_000) + ","
                + TestModels.oddEvent("fb-2", 11, 30_001) + "," + TestModels.oddEvent("fb-3", 12, 30_002) + "]");
        List<String> ids = new ArrayList<>();
        in.json().get("results").forEach(r -> ids.add(r.get("alert_id").asText()));
        Http.Response patched = http.patch("/v1/alerts/" + ids.get(0), analyst, "{\"status\":\"acknowledged\",\"assignee\":\"alice\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("status").asText()).isEqualTo("acknowledged");
        assertThat(patched.json().get("assignee").asText()).isEqualTo("alice");
        assertThat(http.get("/v1/alerts?status=acknowledged&source=fb", analyst).json().get("alerts")).hasSize(1);
        assertThat(http.patch("/v1/alerts/" + ids.get(0), analyst, "{\"status\":\"closed\"}").status()).isEqualTo(422);
        assertThat(http.patch("/v1/alerts/nope", analyst, "{\"status\":\"resolved\"}").status()).isEqualTo(404);

        assertThat(http.post("/v1/alerts/" + ids.get(0) + "/feedback", analyst, "{\"verdict\":\"true_positive\",\"note\":\"confirmed\"}")
                .status()).isEqualTo(201);
        assertThat(http.post("/v1/alerts/" + ids.get(1) + "/feedback", analyst, "{\"verdict\":\"true_positive\"}").status()).isEqualTo(201);
        assertThat(http.post("/v1/alerts/" + ids.get(2) + "/feedback", analyst, "{\"verdict\":\"false_positive\"}").status()).isEqualTo(201);
        // a changed verdict replaces the earlier one
        assertThat(http.post("/v1/alerts/" + ids.get(1) + "/feedback", analyst, "{\"verdict\":\"false_positive\"}").status()).isEqualTo(201);
        assertThat(http.post("/v1/alerts/nope/feedback", analyst, "{\"verdict\":\"true_positive\"}").status()).isEqualTo(404);

        JsonNode one = http.get("/v1/alerts/" + ids.get(1), analyst).json();
        assertThat(one.get("feedback")).hasSize(2);
        assertThat(one.get("feedback").get(0).get("author").asText()).isEqualTo("alice");
        JsonNode stats = http.get("/v1/feedback/stats", analyst).json();
        assertThat(stats.get("overall").get("true_positive").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode overall = stats.get("overall");
        double expected = overall.get("true_positive").asDouble() / (overall.get("true_positive").asInt()
                + overall.get("false_positive").asInt() + overall.get("benign").asInt());
        assertThat(overall.get("precision").asDouble()).isEqualTo(expected);
        assertThat(stats.get("by_day")).isNotEmpty();
        assertThat(http.get("/metrics", null).body()).contains("sentinel_feedback_precision");
    }

    @Test
    void entityRiskAndIncidents() {
        Random rnd = new Random(5);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(TestModels.normalEvent("ent-" + i, 21, 40_000 + i, rnd).replace("\"u21\"", "\"ent-user\""));
        }
        events.add(TestModels.oddEvent("ent-odd-1", 0, 40_030).replace("\"u0\"", "\"ent-user\""));
        events.add(TestModels.oddEvent("ent-odd-2", 0, 40_040).replace("\"u0\"", "\"ent-user\""));
        events.add(TestModels.oddEvent("ent-odd-3", 0, 40_500).replace("\"u0\"", "\"ent-user\""));
        assertThat(http.post("/v1/events", ingest, "[" + String.join(",", events) + "]").status()).isEqualTo(200);
        JsonNode e = http.get("/v1/entities/ent-user", analyst).json();
        assertThat(e.get("events").asInt()).isEqualTo(23);
        assertThat(e.get("alerts").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(e.get("risk_now").asDouble()).isGreaterThan(95);
        assertThat(e.get("risk_over_time")).isNotEmpty();
        // 30 and 40 minutes are one incident at a 60-minute gap; 500 minutes is another
        JsonNode incidents = e.get("incidents");
        assertThat(incidents.size()).isGreaterThanOrEqualTo(2);
        int inBoth = 0;
        for (JsonNode i : incidents) {
            inBoth += i.get("alerts").asInt();
        }
        assertThat(inBoth).isEqualTo(e.get("alerts").asInt());
        assertThat(http.get("/v1/entities/nobody", analyst).status()).isEqualTo(404);
        JsonNode all = http.get("/v1/incidents?since=2024-01-01T00:00:00Z&limit=1000", analyst).json().get("incidents");
        assertThat(all).isNotEmpty();
        boolean found = false;
        for (JsonNode i : all) {
            found |= i.get("entity").asText().equals("ent-user");
        }
        assertThat(found).isTrue();
    }

    @Test
    void entitiesRankedByRiskAndBenignVerdicts() {
        Random rnd = new Random(9);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(TestModels.normalEvent("rank-lo-" + i, 31, 50_000 + i, rnd).replace("\"u31\"", "\"rank-lo\""));
        }
        events.add(TestModels.oddEvent("rank-hi-1", 0, 50_010).replace("\"u0\"", "\"rank-hi\""));
        events.add(TestModels.oddEvent("rank-hi-2", 0, 50_020).replace("\"u0\"", "\"rank-hi\""));
        Http.Response in = http.post("/v1/events?source=rank", ingest, "[" + String.join(",", events) + "]");
        assertThat(in.status()).isEqualTo(200);

        JsonNode ranked = http.get("/v1/entities?limit=1000", analyst).json().get("entities");
        List<String> names = new ArrayList<>();
        double previous = Double.MAX_VALUE;
        for (JsonNode e : ranked) {
            names.add(e.get("entity").asText());
            assertThat(e.get("max_risk").asDouble()).isLessThanOrEqualTo(previous);
            previous = e.get("max_risk").asDouble();
            if (e.get("entity").asText().equals("rank-hi")) {
                assertThat(e.get("events").asInt()).isEqualTo(2);
                assertThat(e.get("alerts").asInt()).isEqualTo(2);
                assertThat(e.get("last_event_time").asText()).isEqualTo(TestModels.START.plusSeconds(60L * 50_020).toString());
            }
            if (e.get("entity").asText().equals("rank-lo")) {
                assertThat(e.get("events").asInt()).isEqualTo(3);
            }
        }
        assertThat(names).contains("rank-hi", "rank-lo");
        assertThat(names.indexOf("rank-hi")).isLessThan(names.indexOf("rank-lo"));
        assertThat(http.get("/v1/entities?limit=1", analyst).json().get("entities")).hasSize(1);
        assertThat(http.get("/v1/entities?limit=0", analyst).status()).isEqualTo(400);

        String alertId = in.json().get("results").get(3).get("alert_id").asText();
        Http.Response benign = http.post("/v1/alerts/" + alertId + "/feedback", analyst, "{\"verdict\":\"benign\",\"note\":\"planned\"}");
        assertThat(benign.status()).isEqualTo(201);
        assertThat(benign.json().get("verdict").asText()).isEqualTo("benign");
        JsonNode overall = http.get("/v1/feedback/stats", analyst).json().get("overall");
        assertThat(overall.get("benign").asInt()).isGreaterThanOrEqualTo(1);
        int judged = overall.get("true_positive").asInt() + overall.get("false_positive").asInt() + overall.get("benign").asInt();
        assertThat(overall.get("precision").asDouble()).isEqualTo(overall.get("true_positive").asDouble() / judged);
        assertThat(http.post("/v1/alerts/" + alertId + "/feedback", analyst, "{\"verdict\":\"maybe\"}").json()
                .get("error").get("message").asText()).contains("benign");
    }

    @Test
    void modelRegistryUploadPromoteRollbackRetrain() throws Exception {
        String champion = http.get("/v1/models", admin).json().get("champion").asText();
        Path other = TestModels.bundle(dir, "challenger", 0.10, 8);
        byte[] bytes = Files.readAllBytes(other);
        Http.Response up = http.postBytes("/v1/models", admin, "application/octet-stream", bytes);
        assertThat(up.status()).isEqualTo(201);
        String version = up.json().get("version").asText();
        assertThat(up.json().get("champion").asBoolean()).isFalse();
        assertThat(http.postBytes("/v1/models", admin, "application/octet-stream", bytes).status()).isEqualTo(200);

        // truncated and tampered bundles are refused
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        Http.Response bad = http.postBytes("/v1/models", admin, "application/octet-stream", truncated);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("error").get("code").asText()).isEqualTo("invalid_bundle");
        byte[] tampered = bytes.clone();
        tampered[bytes.length / 3] ^= 0x5A;
        assertThat(http.postBytes("/v1/models", admin, "application/octet-stream", tampered).status()).isEqualTo(422);

        Http.Response promoted = http.post("/v1/models/" + version + "/promote", admin, "");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(http.get("/v1/models", admin).json().get("champion").asText()).isEqualTo(version);
        assertThat(http.post("/v1/score", ingest, "{\"user\":\"u1\",\"amount\":50,\"hour\":10,\"country\":\"US\"}")
                .json().get("model_version").asText()).isEqualTo(version);
        assertThat(http.post("/v1/models/m-000000000000/promote", admin, "").status()).isEqualTo(404);

        assertThat(http.post("/v1/models/rollback", admin, "").json().get("champion").asText()).isEqualTo(champion);
        assertThat(http.post("/v1/score", ingest, "{\"user\":\"u1\",\"amount\":50,\"hour\":10,\"country\":\"US\"}")
                .json().get("model_version").asText()).isEqualTo(champion);

        // retrain: needs stored events; then a challenger with a champion-vs-challenger report
        Random rnd = new Random(9);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 1200; i++) {
            many.append(i == 0 ? "" : ",").append(TestModels.normalEvent("rt-" + i, i % 40, 50_000 + i, rnd));
        }
        assertThat(http.post("/v1/events", ingest, many.append("]").toString()).status()).isEqualTo(200);
        Http.Response retrained = http.post("/v1/models/retrain", admin, "");
        assertThat(retrained.status()).isEqualTo(201);
        JsonNode report = retrained.json().get("report");
        assertThat(report.get("events_used").asInt()).isGreaterThanOrEqualTo(1200);
        assertThat(report.get("champion").get("version").asText()).isEqualTo(champion);
        assertThat(retrained.json().get("origin").asText()).isEqualTo("retrain");
        assertThat(retrained.json().get("champion").asBoolean()).isFalse();
    }

    @Test
    void sqlAndScriptLookingStringsAreStoredAndReturnedVerbatim() {
        String sql = "x'); DROP TABLE alerts; --";
        String script = "<script>alert(1)</script>";
        String event = "{\"event_id\":\"" + sql + "\",\"user\":\"" + script + "\",\"timestamp\":\"2024-03-01T03:00:00Z\","
                + "\"amount\":250000,\"hour\":3,\"country\":\"' OR 1=1 --\"}";
        Http.Response r = http.post("/v1/events?source=" + java.net.URLEncoder.encode("'; DELETE FROM events; --",
                StandardCharsets.UTF_8), ingest, event);
        assertThat(r.status()).isEqualTo(200);
        String alertId = r.json().get("results").get(0).get("alert_id").asText();
        JsonNode a = http.get("/v1/alerts/" + alertId, analyst).json();
        assertThat(a.get("event_id").asText()).isEqualTo(sql);
        assertThat(a.get("entity").asText()).isEqualTo(script);
        assertThat(a.get("source").asText()).isEqualTo("'; DELETE FROM events; --");
        assertThat(a.get("features").get("country").asText()).isEqualTo("' OR 1=1 --");
        assertThat(http.patch("/v1/alerts/" + alertId, analyst, "{\"assignee\":\"" + script + "\"}").json()
                .get("assignee").asText()).isEqualTo(script);
        assertThat(http.post("/v1/alerts/" + alertId + "/feedback", analyst, "{\"verdict\":\"true_positive\",\"note\":\""
                + sql + "\"}").json().get("note").asText()).isEqualTo(sql);
        JsonNode byEntity = http.get("/v1/alerts?entity=" + java.net.URLEncoder.encode(script, StandardCharsets.UTF_8),
                analyst).json().get("alerts");
        assertThat(byEntity).hasSize(1);
        assertThat(http.get("/v1/entities/" + java.net.URLEncoder.encode(script, StandardCharsets.UTF_8)
                .replace("+", "%20"), analyst).status()).isEqualTo(200);
        // the tables are all still there
        assertThat(http.get("/v1/alerts?limit=1", analyst).status()).isEqualTo(200);
    }

    @Test
    void healthReadyAndMetrics() {
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        Http.Response ready = http.get("/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        http.post("/v1/score", ingest, "{\"user\":\"u1\",\"amount\":50,\"hour\":10,\"country\":\"US\"}");
        http.post("/v1/events", ingest, TestModels.oddEvent("metrics-1", 1, 60_000));
        String metrics = http.get("/metrics", null).body();
        assertThat(metrics).contains("sentinel_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/score\"");
        assertThat(metrics).contains("sentinel_events_scored_total");
        assertThat(metrics).contains("sentinel_records_scored_total");
        assertThat(metrics).containsPattern("sentinel_alerts_stored_total\\{category=\"none\",severity=\"\\w+\"}");
        assertThat(metrics).contains("sentinel_model_info{source=\"api\",version=\"");
        assertThat(metrics).contains("sentinel_store_operations_seconds_count{operation=\"events.ingest\"}");
    }
}
