package io.sentinelrisk.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.server.auth.Role;
import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.server.scoring.ActiveModel;
import io.sentinelrisk.server.scoring.ProfiledInputs;
import io.sentinelrisk.server.scoring.Sources;
import io.sentinelrisk.server.stats.Distributions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboard statistics ({@code /v1/stats/...}) against what was ingested, run once on the
 * embedded store and once on PostgreSQL: histograms count every event once and put the alerts
 * above the threshold, costs and SLAs add up to the alerts' mapping, precision follows verdicts,
 * and drift tells a shifted source from a calm one. Source "wide" has its own champion on another
 * score scale (HBOS): its histogram and thresholds follow that model, the others' the default's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
abstract class StatsApiContract {
    Path dir;
    SentinelServer server;
    Http http;
    String ingest;
    String analyst;
    /** Alert ids of source "cards" by category. */
    final Map<String, List<String>> cardAlerts = new HashMap<>();
    /** Alerts of source "wide" (scored by its own HBOS champion). */
    int wideAlerts;

    abstract ServerOptions store(ServerOptions base);

    void cleanUp() {
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "stats-api-");
        Path model = TestModels.mappedBundle(dir, "mapped", 0.05, 7);
        Path wide = TestModels.bundle(dir, "wide", 0.05, 11, "hbos");
        server = SentinelServer.start(store(ServerOptions.defaults(model, dir.resolve("data")).withPort(0)
                .withSourceModels(Map.of("wide", wide))));
        http = new Http(server.port());
        ingest = server.keys().create("feeder", Role.INGEST).token();
        analyst = server.keys().create("alice", Role.ANALYST).token();
        Random rnd = new Random(3);
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            cards.add(TestModels.normalEvent("c-" + i, i % 40, i, rnd));
        }
        for (int i = 0; i < 10; i++) {
            cards.add(TestModels.oddEvent("c-odd-" + i, i, 400 + i));
        }
        // a foreign login at an ordinary amount: category 'foreign' (no cost stated)
        for (int i = 0; i < 4; i++) {
            cards.add("{\"event_id\":\"c-kp-" + i + "\",\"user\":\"u" + i + "\",\"timestamp\":\"" + TestModels.START.plusSeconds(60L * (500 + i))
                    + "\",\"amount\":5000,\"hour\":3,\"country\":\"KP\"}");
        }
        post("cards", cards);
        List<String> calm = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calm.add(TestModels.normalEvent("calm-" + i, i % 40, 1000 + i, rnd));
        }
        for (int i = 0; i < calm.size(); i += 100) {
            post("calm", calm.subList(i, i + 100));   // four requests: every event's inputs kept
        }
        // every event from a country never seen, at 3 am: the inputs moved away from training
        List<String> shifted = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            shifted.add("{\"event_id\":\"s-" + i + "\",\"user\":\"u" + (i % 40) + "\",\"timestamp\":\"" + TestModels.START.plusSeconds(60L * (2000 + i))
                    + "\",\"amount\":" + (40 + i % 20) + ",\"hour\":3,\"country\":\"BR\"}");
        }
        post("shifted", shifted);   // one request of 300: a sample of 100 kept
        List<String> wideEvents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            wideEvents.add(TestModels.normalEvent("w-" + i, i % 40, 5L * i, rnd));
        }
        for (int i = 0; i < 6; i++) {
            wideEvents.add(TestModels.oddEvent("w-odd-" + i, i, 1005 + i));
        }
        post("wide", wideEvents);
        wideAlerts = http.get("/v1/alerts?source=wide&limit=1000", analyst).json().get("alerts").size();
        for (JsonNode a : http.get("/v1/alerts?source=cards&limit=1000", analyst).json().get("alerts")) {
            cardAlerts.computeIfAbsent(a.get("category").asText(), k -> new ArrayList<>()).add(a.get("alert_id").asText());
        }
    }

    private void post(String source, List<String> events) {
        Http.Response r = http.post("/v1/events?source=" + source, ingest, "[" + String.join(",", events) + "]");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
        cleanUp();
    }

    private JsonNode get(String path) {
        Http.Response r = http.get(path, analyst);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode source(JsonNode list, String name) {
        for (JsonNode s : list) {
            if (s.get("source").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no source " + name + " in " + list);
    }

    private static long sum(JsonNode array) {
        long n = 0;
        for (JsonNode v : array) {
            n += v.asLong();
        }
        return n;
    }

    @Test
    void histogramsCountEveryEventOnceAndTheAlertsLieAboveTheThreshold() {
        JsonNode d = get("/v1/stats/distributions?bins=50");
        JsonNode cards = source(d.get("score").get("sources"), "cards");
        assertThat(cards.get("model_version").asText()).isEqualTo(server.registry().active().version());
        JsonNode edges = cards.get("edges");
        assertThat(edges).hasSize(51);
        for (String[] s : new String[][]{{"cards", "314"}, {"calm", "400"}, {"shifted", "300"}}) {
            JsonNode score = source(d.get("score").get("sources"), s[0]);
            assertThat(score.get("events").asLong()).isEqualTo(Long.parseLong(s[1]));
            assertThat(sum(score.get("counts"))).isEqualTo(Long.parseLong(s[1]));
            assertThat(sum(source(d.get("risk").get("sources"), s[0]).get("counts"))).isEqualTo(Long.parseLong(s[1]));
        }
        // the alerts are the events above the is_anomaly threshold: between the bins wholly above it
        // and the bins reaching above it
        long alerts = cardAlerts.values().stream().mapToLong(List::size).sum();
        assertThat(alerts).isGreaterThanOrEqualTo(10);
        assertAlertsAboveOwnThreshold(cards, alerts);
        JsonNode risk = cards.get("thresholds").get("risk");
        assertThat(risk.get("anomaly").asDouble()).isBetween(90.0, 99.0);
        assertThat(risk.get("medium").asDouble()).isLessThan(risk.get("high").asDouble());
        assertThat(risk.get("high").asDouble()).isLessThan(risk.get("critical").asDouble());
        // one source only
        JsonNode one = get("/v1/stats/distributions?source=calm");
        assertThat(one.get("score").get("sources")).hasSize(1);
        assertThat(one.get("features")).hasSize(1);
    }

    /**
     * The alerts of a source are its events above its model's is_anomaly threshold: between the
     * bins wholly above it and the bins reaching above it, on the source's own edges.
     */
    private static void assertAlertsAboveOwnThreshold(JsonNode scores, long alerts) {
        double anomaly = scores.get("thresholds").get("score").get("anomaly").asDouble();
        JsonNode edges = scores.get("edges");
        JsonNode counts = scores.get("counts");
        long wholly = 0;
        long reaching = 0;
        for (int b = 0; b < counts.size(); b++) {
            wholly += edges.get(b).asDouble() > anomaly ? counts.get(b).asLong() : 0;
            reaching += edges.get(b + 1).asDouble() > anomaly ? counts.get(b).asLong() : 0;
        }
        assertThat(alerts).as(scores.get("source").asText()).isBetween(wholly, reaching);
    }

    @Test
    void eachSourcesScoreHistogramFollowsTheModelScoringIt() {
        ActiveModel defaultModel = server.registry().active();
        ActiveModel wideModel = server.registry().forSource("wide");
        assertThat(wideModel.version()).isNotEqualTo(defaultModel.version());
        JsonNode d = get("/v1/stats/distributions?bins=40");
        assertThat(d.has("thresholds")).as("no shared thresholds across models").isFalse();
        for (String[] s : new String[][]{{"wide", "206"}, {"cards", "314"}, {"calm", "400"}}) {
            ActiveModel m = s[0].equals("wide") ? wideModel : defaultModel;
            Calibration cal = m.pipeline().calibration();
            JsonNode scores = source(d.get("score").get("sources"), s[0]);
            assertThat(scores.get("model_version").asText()).as(s[0]).isEqualTo(m.version());
            assertThat(sum(scores.get("counts"))).isEqualTo(Long.parseLong(s[1]));
            // bins over the scoring model's training scores, lines at its thresholds
            double[] grid = cal.grid();
            double span = grid[grid.length - 1] - grid[0];
            JsonNode edges = scores.get("edges");
            assertThat(edges).hasSize(41);
            assertThat(edges.get(0).asDouble()).isCloseTo(grid[0], within(1e-9 * span));
            assertThat(edges.get(40).asDouble()).isCloseTo(grid[grid.length - 1], within(1e-9 * span));
            JsonNode t = scores.get("thresholds");
            assertThat(t.get("score").get("anomaly").asDouble()).isEqualTo(cal.anomalyAt());
            assertThat(t.get("score").get("critical").asDouble()).isEqualTo(cal.criticalAt());
            assertThat(t.get("risk").get("anomaly").asDouble()).isEqualTo(cal.risk(cal.anomalyAt()));
        }
        JsonNode wide = source(d.get("score").get("sources"), "wide");
        JsonNode cards = source(d.get("score").get("sources"), "cards");
        // two scales far apart: the training-score span of one does not cover the other's thresholds
        double wideAnomaly = wide.get("thresholds").get("score").get("anomaly").asDouble();
        double cardsAnomaly = cards.get("thresholds").get("score").get("anomaly").asDouble();
        assertThat(wideAnomaly).isNotCloseTo(cardsAnomaly, within(Math.abs(cardsAnomaly)));
        // the normal events spread over the bins of their own scale (not all piled in an end bin)
        long filled = 0;
        for (JsonNode c : wide.get("counts")) {
            filled += c.asLong() > 0 ? 1 : 0;
        }
        assertThat(filled).as(wide.toString()).isGreaterThanOrEqualTo(5);
        assertThat(wideAlerts).isGreaterThanOrEqualTo(6);
        assertAlertsAboveOwnThreshold(wide, wideAlerts);
        // risk is shared: one set of edges for every source
        assertThat(d.get("risk").get("edges")).hasSize(Distributions.RISK_BINS + 1);
        assertThat(sum(source(d.get("risk").get("sources"), "wide").get("counts"))).isEqualTo(206);
        // one source asked: the same histogram on its own scale
        JsonNode one = get("/v1/stats/distributions?bins=40&source=wide");
        JsonNode alone = source(one.get("score").get("sources"), "wide");
        assertThat(alone.get("edges")).isEqualTo(wide.get("edges"));
        assertThat(alone.get("counts")).isEqualTo(wide.get("counts"));
        assertThat(alone.get("thresholds")).isEqualTo(wide.get("thresholds"));
        // the performance answer has a champion per source
        JsonNode models = get("/v1/stats/performance").get("models");
        assertThat(models.get("wide").get("version").asText()).isEqualTo(wideModel.version());
        assertThat(models.get("wide").get("thresholds").get("score").get("anomaly").asDouble()).isEqualTo(wideModel.pipeline()
                .calibration().anomalyAt());
        assertThat(models.get(Sources.DEFAULT).get("version").asText()).isEqualTo(defaultModel.version());
    }

    @Test
    void featureDistributionsTellAShiftedSourceFromACalmOne() {
        JsonNode d = get("/v1/stats/distributions");
        JsonNode calm = source(d.get("features"), "calm");
        JsonNode shifted = source(d.get("features"), "shifted");
        assertThat(calm.get("rows").asLong()).isEqualTo(400);
        assertThat(shifted.get("rows").asLong()).isEqualTo(ProfiledInputs.MAX_PER_REQUEST);
        assertThat(shifted.get("verdict").asText()).isEqualTo("significant");
        assertThat(shifted.get("drifted_columns").toString()).contains("country", "hour");
        Map<String, JsonNode> calmColumns = new HashMap<>();
        for (JsonNode c : calm.get("columns")) {
            calmColumns.put(c.get("column").asText(), c);
            assertThat(c.get("bins")).hasSameSizeAs(c.get("training")).hasSameSizeAs(c.get("recent"));
            assertThat(sumShares(c.get("training"))).isCloseTo(1.0, within(1e-6));
            assertThat(sumShares(c.get("recent"))).isCloseTo(1.0, within(1e-6));
        }
        assertThat(calmColumns).containsKeys("amount", "hour", "country");
        assertThat(calmColumns.get("country").get("verdict").asText()).isEqualTo("stable");
        assertThat(calmColumns.get("amount").get("psi").asDouble()).isLessThan(0.1);
        // in the shifted source every country is one never seen in training: all in "other"
        for (JsonNode c : shifted.get("columns")) {
            if (c.get("column").asText().equals("country")) {
                List<String> bins = new ArrayList<>();
                c.get("bins").forEach(b -> bins.add(b.asText()));
                assertThat(c.get("recent").get(bins.indexOf("other")).asDouble()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void metricsCarryEachSourcesDrift() {
        server.refreshDriftMetrics();
        String metrics = http.get("/metrics", null).body();
        // the shifted source moved amount, country and hour; the calm one none of them (its event
        // times lie after training's, as every source's do here)
        assertThat(metric(metrics, "sentinel_drift_columns{source=\"shifted\"}"))
                .isGreaterThanOrEqualTo(metric(metrics, "sentinel_drift_columns{source=\"calm\"}") + 3);
        for (String column : List.of("amount", "country", "hour")) {
            assertThat(metric(metrics, "sentinel_drift_psi{column=\"" + column + "\",source=\"calm\"}")).isLessThan(0.1);
        }
        assertThat(metric(metrics, "sentinel_drift_psi{column=\"country\",source=\"shifted\"}")).isGreaterThanOrEqualTo(0.25);
        assertThat(metrics).contains("sentinel_drift_score_psi{source=\"calm\"}");
    }

    /** The value of one series in a Prometheus text exposition. */
    private static double metric(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " is not in /metrics");
    }

    private static double sumShares(JsonNode a) {
        double s = 0;
        for (JsonNode v : a) {
            s += v.asDouble();
        }
        return s;
    }

    @Test
    void costSlaAndActionsAddUpToTheAlertsMapping() throws Exception {
        List<String> big = cardAlerts.get("big_amount");
        List<String> foreign = cardAlerts.get("foreign");
        assertThat(big).hasSize(10);
        assertThat(foreign).hasSize(4);
        // two big-amount alerts were raised 20 minutes ago (past their 15-minute SLA); one of them is answered now
        try (var c = server.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE alerts SET created_at = created_at - 1200000 WHERE id IN (?, ?)")) {
            s.setString(1, big.get(0));
            s.setString(2, big.get(1));
            assertThat(s.executeUpdate()).isEqualTo(2);
        }
        assertThat(http.patch("/v1/alerts/" + big.get(0), analyst, "{\"status\":\"acknowledged\"}").status()).isEqualTo(200);
        assertThat(http.patch("/v1/alerts/" + big.get(2), analyst, "{\"status\":\"resolved\"}").status()).isEqualTo(200);
        // reopening and closing again keeps the first response time
        assertThat(http.patch("/v1/alerts/" + big.get(2), analyst, "{\"status\":\"open\"}").status()).isEqualTo(200);

        JsonNode impact = get("/v1/stats/impact?source=cards&bucket=hour");
        Map<String, JsonNode> byCategory = new HashMap<>();
        for (JsonNode c : impact.get("cost_by_category")) {
            byCategory.put(c.get("category").asText(), c);
        }
        assertThat(byCategory.get("big_amount").get("alerts").asLong()).isEqualTo(10);
        assertThat(byCategory.get("big_amount").get("estimated_cost").asDouble()).isEqualTo(10_000.0);
        assertThat(byCategory.get("big_amount").get("currency").asText()).isEqualTo("USD");
        assertThat(byCategory.get("foreign").get("alerts_with_cost").asLong()).isZero();
        // over time: the same total, in the bucket(s) the alerts arrived in
        double overTime = 0;
        for (JsonNode series : impact.get("cost_over_time")) {
            assertThat(series.get("estimated_cost")).hasSize(impact.get("buckets").size());
            for (JsonNode v : series.get("estimated_cost")) {
                overTime += v.asDouble();
            }
        }
        assertThat(overTime).isEqualTo(10_000.0);

        JsonNode big15 = null;
        for (JsonNode row : impact.get("sla_by_category")) {
            if (row.get("category").asText().equals("big_amount")) {
                big15 = row;
            }
        }
        assertThat(big15).isNotNull();
        assertThat(big15.get("breached").asLong()).isEqualTo(1);   // answered 20 minutes after it was raised
        assertThat(big15.get("overdue").asLong()).isEqualTo(1);    // still open after 20 minutes
        assertThat(big15.get("met").asLong()).isEqualTo(1);        // answered at once
        assertThat(big15.get("pending").asLong()).isEqualTo(7);
        long all = cardAlerts.values().stream().mapToLong(List::size).sum();
        JsonNode total = impact.get("sla");
        assertThat(total.get("met").asLong() + total.get("breached").asLong() + total.get("overdue").asLong()
                + total.get("pending").asLong() + total.get("no_sla").asLong()).isEqualTo(all);

        Map<String, Long> actions = new HashMap<>();
        for (JsonNode a : impact.get("actions")) {
            actions.put(a.get("action").asText(), a.get("alerts").asLong());
        }
        assertThat(actions).containsEntry("Freeze the card", 10L).containsEntry("Call the customer", 4L);
        assertThat(actions.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(all);
    }

    @Test
    void precisionFollowsVerdictsAndTheModelCardShowsTheChampion() {
        List<String> big = cardAlerts.get("big_amount");
        List<String> foreign = cardAlerts.get("foreign");
        JsonNode before = get("/v1/stats/performance?bucket=minute&from=" + (System.currentTimeMillis() - 3_600_000));
        long judgedBefore = before.get("precision").get("overall").get("true_positive").asLong()
                + before.get("precision").get("overall").get("false_positive").asLong();
        for (String id : List.of(big.get(5), big.get(6))) {
            assertThat(http.post("/v1/alerts/" + id + "/feedback", analyst, "{\"verdict\":\"true_positive\"}").status()).isEqualTo(201);
        }
        // a verdict changed later counts once, as its latest
        assertThat(http.post("/v1/alerts/" + foreign.get(0) + "/feedback", analyst, "{\"verdict\":\"true_positive\"}").status()).isEqualTo(201);
        assertThat(http.post("/v1/alerts/" + foreign.get(0) + "/feedback", analyst, "{\"verdict\":\"false_positive\"}").status()).isEqualTo(201);

        JsonNode p = get("/v1/stats/performance?bucket=minute&from=" + (System.currentTimeMillis() - 3_600_000));
        JsonNode overall = p.get("precision").get("overall");
        assertThat(overall.get("true_positive").asLong() + overall.get("false_positive").asLong()).isEqualTo(judgedBefore + 3);
        long tp = 0;
        long fp = 0;
        assertThat(p.get("precision").get("over_time")).hasSize(p.get("buckets").size());
        for (JsonNode b : p.get("precision").get("over_time")) {
            tp += b.get("true_positive").asLong();
            fp += b.get("false_positive").asLong();
        }
        assertThat(tp).isEqualTo(overall.get("true_positive").asLong());
        assertThat(fp).isEqualTo(overall.get("false_positive").asLong());
        boolean foreignSeen = false;
        for (JsonNode c : p.get("precision").get("by_category")) {
            if (c.get("key").asText().equals("foreign")) {
                foreignSeen = true;
                assertThat(c.get("false_positive").asLong()).isEqualTo(1);
                assertThat(c.get("true_positive").asLong()).isZero();
                assertThat(c.get("precision").asDouble()).isZero();
            }
        }
        assertThat(foreignSeen).isTrue();

        long alerts = http.get("/v1/alerts?limit=1000", analyst).json().get("alerts").size();
        assertThat(sum(p.get("alert_volume").get("total"))).isEqualTo(alerts);
        long bySeverity = 0;
        for (JsonNode s : p.get("alert_volume").get("by_severity")) {
            bySeverity += sum(s);
        }
        assertThat(bySeverity).isEqualTo(alerts);

        JsonNode model = p.get("model");
        assertThat(model.get("version").asText()).isEqualTo(server.registry().active().version());
        assertThat(model.get("origin").asText()).isEqualTo("file");
        assertThat(model.get("training").get("rows").asLong()).isEqualTo(2000);
        assertThat(model.get("thresholds").get("score").get("anomaly").asDouble())
                .isEqualTo(server.registry().active().pipeline().calibration().anomalyAt());
        Map<String, String> drift = new HashMap<>();
        for (JsonNode d : p.get("drift")) {
            drift.put(d.get("source").asText(), d.get("verdict").asText());
        }
        assertThat(drift).containsEntry("shifted", "significant").containsKeys("calm", "cards");
    }

    @Test
    void boundsAreEnforced() {
        for (String[] bad : new String[][]{{"/v1/stats/impact?bucket=week", "bucket"},
                {"/v1/stats/performance?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z", "from"},
                {"/v1/stats/impact?bucket=minute&from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z", "bucket"},
                {"/v1/stats/distributions?bins=1", "bins"},
                {"/v1/stats/distributions?colour=red", "colour"},
                {"/v1/stats/impact?from=yesterday", "from"}}) {
            Http.Response r = http.get(bad[0], analyst);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.json().get("error").get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        // a range with nothing in it answers empty series, not an error
        JsonNode empty = get("/v1/stats/impact?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z");
        assertThat(empty.get("buckets")).hasSize(24);
        assertThat(empty.get("cost_by_category")).isEmpty();
        JsonNode none = get("/v1/stats/distributions?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z");
        assertThat(none.get("score").get("sources")).isEmpty();
    }
}
