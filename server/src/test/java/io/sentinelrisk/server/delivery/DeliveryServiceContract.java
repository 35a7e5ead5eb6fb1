package io.sentinelrisk.server.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.format.AlertView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery service against a real local receiver and a real store: retries, dead letters,
 * filters, a full queue, shutdown, and the log's paging. Subclasses give the store (H2, PostgreSQL).
 */
@Timeout(180)
abstract class DeliveryServiceContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("RECEIVER_TOKEN", "s3cr3t-t0ken-value", "PD_KEY", "R0UT1NGKEY");

    Receiver receiver;
    DeliveryLog log;
    private final List<DeliveryService> services = new ArrayList<>();

    /** A fresh, migrated store. */
    abstract DataSource dataSource();

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        log = new DeliveryLog(dataSource());
    }

    @AfterEach
    void stop() {
        services.forEach(DeliveryService::close);
        receiver.close();
    }

    /** An alert bound from its JSON shape (as the alert store reads it back). */
    static Alert alert(Severity severity, String id) {
        String json = """
                {"row": 3, "source": "events", "id": "%s", "score": 0.9, "risk": 99.5, "severity": "%s", "is_anomaly": true,
                 "features": {"amount": 9000.5, "user": "<script>alert(1)</script>"},
                 "reasons": [{"feature": "amount", "value": "9000.5", "deviation": 8.0, "direction": "above",
                              "baseline": "median 100", "text": "amount is 9000.5, +8.0 std above normal"}],
                 "narrative": "amount is 9000.5, +8.0 std above normal"}
                """.formatted(id, severity.id());
        try {
            return JSON.readValue(json, Alert.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private DeliveryService service(String yaml) {
        String head = "retry: {max_attempts: 3, initial_backoff: 20ms, multiplier: 2, max_backoff: 100ms}\n";
        DeliveryConfig cfg = DeliveryConfig.parse(head + yaml, "delivery.yaml", ENV::get);
        DeliveryService s = new DeliveryService(cfg, log, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build(), Clock.systemUTC());
        services.add(s);
        return s;
    }

    private String route(String name, String format, String extra) {
        // a timeout far above any answer of the local receiver, even on a loaded machine: a try that
        // timed out would be retried and change the attempts these tests count
        return "  - {name: " + name + ", url: '" + receiver.url("/hook/" + name) + "', format: " + format
                + (extra.contains("timeout:") ? "" : ", timeout: 30s") + (extra.isEmpty() ? "" : ", " + extra) + "}\n";
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done in 60 s");
            }
            Thread.sleep(10);
        }
    }

    private List<DeliveryRecord> all() {
        return log.list(DeliveryQuery.newest(500)).deliveries();
    }

    @Test
    void failingFirstTriesAreRetriedAndDelivered() throws Exception {
        receiver.failures = 2;
        DeliveryService s = service("routes:\n" + route("slack", "slack",
                "headers: {Authorization: 'Bearer ${env:RECEIVER_TOKEN}'}"));
        Alert a = alert(Severity.HIGH, "e-1");
        assertThat(s.submit(a)).isEqualTo(1);
        await(() -> all().size() == 1);
        DeliveryRecord r = all().get(0);
        assertThat(r.status()).isEqualTo("delivered");
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.route()).isEqualTo("slack");
        assertThat(r.alertKey()).isEqualTo(new AlertView(a).key());
        assertThat(r.alert()).isNull();
        assertThat(receiver.requests).hasSize(3);
        Receiver.Request req = receiver.requests.get(2);
        assertThat(req.path()).isEqualTo("/hook/slack");
        assertThat(req.authorization()).isEqualTo("Bearer s3cr3t-t0ken-value");
        assertThat(req.contentType()).isEqualTo("application/json");
        JsonNode body = JSON.readTree(req.body());
        assertThat(body.get("blocks").isArray()).isTrue();
        assertThat(req.body()).contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(s.delivered()).isEqualTo(1);
    }

    @Test
    void alwaysFailingBecomesADeadLetterWithItsReasonAndNoSecret() throws Exception {
        receiver.failures = Integer.MAX_VALUE;
        receiver.failStatus = 500;
        receiver.echoAuthorization = true;
        DeliveryService s = service("routes:\n" + route("siem", "ecs", "headers: {Authorization: 'ApiKey ${env:RECEIVER_TOKEN}'}"));
        Alert a = alert(Severity.CRITICAL, "e-2");
        s.submit(a);
        await(() -> all().size() == 1);
        DeliveryRecord r = all().get(0);
        assertThat(r.status()).isEqualTo("dead_letter");
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.httpStatus()).isEqualTo(500);
        assertThat(r.lastError()).startsWith("gave up after 3 attempts: HTTP 500: bad token ***")
                .doesNotContain("s3cr3t");
        assertThat(receiver.requests).hasSize(3);
        // exponential back-off: waits of at least 20 ms, then 40 ms (initial_backoff 20ms, multiplier 2)
        List<Long> t = receiver.arrivals;
        assertThat((t.get(1) - t.get(0)) / 1_000_000).isGreaterThanOrEqualTo(20);
        assertThat((t.get(2) - t.get(1)) / 1_000_000).isGreaterThanOrEqualTo(40);
        assertThat(JSON.readTree(r.alert())).isEqualTo(JSON.readTree(io.sentinelrisk.core.codec.Json.line(a)));
        assertThat(JSON.readTree(receiver.requests.get(0).body()).at("/event/kind").asText()).isEqualTo("alert");
    }

    @Test
    void aRefusedPayloadIsNotRetriedAndAnUnreachableReceiverIs() throws Exception {
        receiver.failures = Integer.MAX_VALUE;
        receiver.failStatus = 400;
        DeliveryService s = service("routes:\n" + route("pd", "pagerduty", "routing_key: '${env:PD_KEY}'")
                + "  - {name: gone, url: 'http://127.0.0.1:9/x', format: cef, timeout: 1s}\n");
        s.submit(alert(Severity.CRITICAL, "e-3"));
        await(() -> all().size() == 2);
        DeliveryRecord pd = log.list(new DeliveryQuery(null, "pd", null, 10)).deliveries().get(0);
        assertThat(pd.attempts()).isEqualTo(1);
        assertThat(pd.lastError()).isEqualTo("refused by the receiver: HTTP 400: boom");
        assertThat(JSON.readTree(receiver.requests.get(0).body()).get("routing_key").asText()).isEqualTo("R0UT1NGKEY");
        DeliveryRecord gone = log.list(new DeliveryQuery(null, "gone", null, 10)).deliveries().get(0);
        assertThat(gone.status()).isEqualTo("dead_letter");
        assertThat(gone.attempts()).isEqualTo(3);
        assertThat(gone.httpStatus()).isNull();
        assertThat(gone.lastError()).startsWith("gave up after 3 attempts: cannot reach the receiver");
    }

    @Test
    void aSlowReceiverIsATimeoutThatIsRetried() throws Exception {
        receiver.delayMillis = 1500;
        DeliveryService s = service("routes:\n" + "  - {name: slow, url: '" + receiver.url("/slow") + "', format: hec, timeout: 300ms}\n");
        s.submit(alert(Severity.HIGH, "e-4"));
        await(() -> all().size() == 1);
        DeliveryRecord r = all().get(0);
        assertThat(r.status()).isEqualTo("dead_letter");
        assertThat(r.lastError()).isEqualTo("gave up after 3 attempts: no answer within 300 ms");
    }

    @Test
    void severityAndCategoryFiltersAreHonoured() throws Exception {
        DeliveryService s = service("routes:\n" + route("all", "json", "")
                + route("high", "json", "min_severity: high")
                + route("fraud", "json", "categories: [card_fraud]"));
        assertThat(s.submit(alert(Severity.INFO, "i"))).isEqualTo(1);
        assertThat(s.submit(alert(Severity.MEDIUM, "m"))).isEqualTo(1);
        assertThat(s.submit(alert(Severity.HIGH, "h"))).isEqualTo(2);
        assertThat(s.submit(alert(Severity.CRITICAL, "c"))).isEqualTo(2);
        await(() -> all().size() == 6);
        assertThat(log.list(new DeliveryQuery(null, "high", null, 10)).deliveries())
                .extracting(DeliveryRecord::severity).containsExactlyInAnyOrder("high", "critical");
        // alerts without a category never match a category filter
        assertThat(log.list(new DeliveryQuery(null, "fraud", null, 10)).deliveries()).isEmpty();
        assertThat(receiver.requests).hasSize(6);
    }

    @Test
    void aFullQueueNeverBlocksAndIsRecorded() throws Exception {
        receiver.gate = new java.util.concurrent.CountDownLatch(1);   // the receiver holds the first request
        DeliveryService s = service("queue_capacity: 2\nroutes:\n" + route("busy", "json", "timeout: 20s"));
        long t0 = System.nanoTime();
        int queued = 0;
        for (int i = 0; i < 20; i++) {
            queued += s.submit(alert(Severity.HIGH, "q" + i));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // blocking would wait on the receiver, which holds its answer (the route's timeout: 20 s)
        assertThat(ms).as("20 submits while the receiver does not answer").isLessThan(10_000);
        assertThat(queued).isBetween(2, 3);   // the queue's 2, plus the one the worker may have taken already
        receiver.gate.countDown();
        await(() -> all().size() == 20);
        List<DeliveryRecord> dead = log.list(new DeliveryQuery(DeliveryStatus.DEAD_LETTER, null, null, 50)).deliveries();
        assertThat(dead).hasSize(20 - queued).allMatch(r -> r.lastError().contains("queue is full") && r.attempts() == 0);
        assertThat(log.count(DeliveryStatus.DELIVERED)).isEqualTo(queued);
    }

    @Test
    void shutdownLetsQueuedDeliveriesFinishWithinTheDrain() throws Exception {
        receiver.delayMillis = 20;
        DeliveryService s = service("shutdown_drain: 20s\nroutes:\n" + route("drained", "cef", ""));
        for (int i = 0; i < 5; i++) {
            s.submit(alert(Severity.HIGH, "d" + i));
        }
        s.close();
        assertThat(all()).hasSize(5).allMatch(r -> r.status().equals("delivered"));
        assertThat(receiver.requests.get(0).body()).startsWith("CEF:0|SentinelRisk|");
        assertThat(receiver.requests.get(0).contentType()).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void shutdownStoresWhatIsStillPendingAsDeadLetters() throws Exception {
        receiver.gate = new java.util.concurrent.CountDownLatch(1);   // the receiver never answers before shutdown
        DeliveryService s = service("shutdown_drain: 200ms\nroutes:\n" + route("late", "cef", "timeout: 30s"));
        for (int i = 0; i < 10; i++) {
            s.submit(alert(Severity.HIGH, "s" + i));
        }
        await(() -> receiver.requests.size() == 1);   // one in flight, nine queued
        long t0 = System.nanoTime();
        s.close();
        // not the 30 s the in-flight try could wait for its answer
        assertThat((System.nanoTime() - t0) / 1_000_000).as("close waits about shutdown_drain").isLessThan(15_000);
        receiver.gate.countDown();
        List<DeliveryRecord> rows = all();
        assertThat(rows).hasSize(10).allMatch(r -> r.status().equals("dead_letter"));
        assertThat(rows.stream().filter(r -> r.lastError().equals("shutdown during the attempt"))).hasSize(1);
        assertThat(rows.stream().filter(r -> r.lastError().equals("not sent before shutdown (shutdown_drain 200 ms)"))).hasSize(9);
        // after close an alert is recorded, not queued
        assertThat(s.submit(alert(Severity.HIGH, "after"))).isZero();
        assertThat(all()).hasSize(11);
        assertThat(all().get(0).lastError()).isEqualTo("not sent: delivery is shutting down");
    }

    @Test
    void theLogPagesNewestFirstWithACursor() throws Exception {
        receiver.failures = 3;
        receiver.failStatus = 400;
        DeliveryService s = service("routes:\n" + route("p", "ocsf", ""));
        for (int i = 0; i < 7; i++) {
            s.submit(alert(Severity.HIGH, "p" + i));
            int expected = i + 1;
            await(() -> all().size() == expected);   // one at a time: ids follow submission
        }
        List<Long> ids = new ArrayList<>();
        Long cursor = null;
        int pages = 0;
        do {
            DeliveryPage page = s.deliveries(new DeliveryQuery(null, null, cursor, 3));
            page.deliveries().forEach(r -> ids.add(r.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(7).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
        assertThat(s.deliveries(new DeliveryQuery(DeliveryStatus.DEAD_LETTER, null, null, 10)).deliveries()).hasSize(3);
        assertThat(s.deliveries(new DeliveryQuery(DeliveryStatus.DELIVERED, "p", null, 10)).deliveries()).hasSize(4);
        assertThat(s.deliveries(new DeliveryQuery(null, "other", null, 10)).deliveries()).isEmpty();
        DeliveryRecord first = all().get(6);
        assertThat(first.createdAt()).isBeforeOrEqualTo(first.finishedAt());
    }
}
