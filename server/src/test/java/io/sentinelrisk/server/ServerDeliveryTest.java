package io.sentinelrisk.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sentinelrisk.server.auth.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server (embedded H2 store) started with {@code --deliveries} routes to local receivers:
 * an alert raised by {@code POST /v1/events} reaches a receiver that fails its first two tries,
 * ends as a dead letter on one that always fails, and both show in {@code GET /v1/deliveries}
 * and in /metrics. A receiver that never answers is cut off at shutdown and its delivery is
 * stored as a dead letter, readable after a restart without routes.
 * Tagged slow: 5-8 s with the test bundle's training (two server starts, back-offs of 100 and
 * 200 ms, a 300 ms drain); verify runs it.
 */
@Tag("slow")
class ServerDeliveryTest {
    @TempDir
    Path dir;

    @Test
    void committedAlertsAreDeliveredRetriedDeadLetteredAndListed() throws Exception {
        try (Receiver flaky = new Receiver(2, null); Receiver down = new Receiver(Integer.MAX_VALUE, null);
             Receiver stalled = new Receiver(0, new CountDownLatch(1))) {
            Path routes = dir.resolve("routes.yaml");
            Files.writeString(routes, """
                    retry:
                      max_attempts: 3
                      initial_backoff: 100ms
                      multiplier: 2
                      max_backoff: 1s
                    shutdown_drain: 300ms
                    routes:
                      - name: flaky
                        url: %s/hook
                        format: json
                      - name: down
                        url: %s/hook
                        format: ecs
                      - name: stalled
                        url: %s/hook
                        format: json
                        timeout: 20s
                    """.formatted(flaky.url(), down.url(), stalled.url()));
            Path data = dir.resolve("data");
            Path model = TestModels.bundle(dir, "m", 0.05, 7);
            String analyst;
            String alertKey;
            SentinelServer server = SentinelServer.start(ServerOptions.defaults(model, data).withPort(0).withDeliveries(routes));
            try {
                Http http = new Http(server.port());
                String ingest = server.keys().create("in", Role.INGEST).token();
                analyst = server.keys().create("an", Role.ANALYST).token();
                Http.Response posted = http.post("/v1/events", ingest, "[" + TestModels.oddEvent("dl-1", 1, 60_000) + "]");
                assertThat(posted.status()).isEqualTo(200);
                assertThat(posted.json().get("results").get(0).get("alert_id").isNull())
                        .as("the odd event raises an alert: %s", posted.body()).isFalse();

                JsonNode page = waitForDeliveries(http, analyst, 2);
                JsonNode delivered = byRoute(page, "flaky");
                assertThat(delivered.get("status").asText()).isEqualTo("delivered");
                assertThat(delivered.get("attempts").asInt()).isEqualTo(3);
                assertThat(delivered.get("http_status").asInt()).isEqualTo(200);
                assertThat(delivered.has("alert")).isFalse();
                alertKey = delivered.get("alert_key").asText();
                assertThat(alertKey).startsWith("sr-");
                // the receiver got the same alert on every try (2 refused, the third answered 200)
                assertThat(flaky.bodies).hasSize(3);
                assertThat(flaky.bodies).containsOnly(flaky.bodies.get(0));
                JsonNode sent = Http.MAPPER.readTree(flaky.bodies.get(2));
                assertThat(sent.get("severity").asText()).isEqualTo(delivered.get("severity").asText());

                JsonNode dead = byRoute(page, "down");
                assertThat(dead.get("status").asText()).isEqualTo("dead_letter");
                assertThat(dead.get("format").asText()).isEqualTo("ecs");
                assertThat(dead.get("attempts").asInt()).isEqualTo(3);
                assertThat(dead.get("http_status").asInt()).isEqualTo(503);
                assertThat(dead.get("last_error").asText()).startsWith("gave up after 3 attempts");
                assertThat(dead.get("alert_key").asText()).isEqualTo(alertKey);
                assertThat(dead.get("alert").isObject()).isTrue();
                assertThat(dead.get("alert").get("severity").asText()).isEqualTo(delivered.get("severity").asText());
                assertThat(down.bodies).hasSize(3);

                // filters and paging
                JsonNode onlyDead = http.get("/v1/deliveries?status=dead_letter", analyst).json();
                assertThat(onlyDead.get("deliveries")).hasSize(1);
                assertThat(onlyDead.get("deliveries").get(0).get("route").asText()).isEqualTo("down");
                JsonNode first = http.get("/v1/deliveries?limit=1", analyst).json();
                assertThat(first.get("deliveries")).hasSize(1);
                long cursor = first.get("next_cursor").asLong();
                JsonNode second = http.get("/v1/deliveries?limit=1&cursor=" + cursor, analyst).json();
                assertThat(second.get("deliveries")).hasSize(1);
                assertThat(second.get("deliveries").get(0).get("id").asLong()).isLessThan(cursor + 1)
                        .isNotEqualTo(first.get("deliveries").get(0).get("id").asLong());
                Http.Response bad = http.get("/v1/deliveries?status=sent", analyst);
                assertThat(bad.status()).isEqualTo(400);
                assertThat(bad.json().get("error").get("field").asText()).isEqualTo("status");
                assertThat(http.get("/v1/deliveries?colour=red", analyst).status()).isEqualTo(400);

                String metrics = http.get("/metrics", null).body();
                assertThat(metrics).contains("sentinel_deliveries_sent_total{route=\"flaky\"} 1.0");
                assertThat(metrics).contains("sentinel_deliveries_failed_total{route=\"flaky\"} 2.0");
                assertThat(metrics).contains("sentinel_deliveries_dead_lettered_total{route=\"flaky\"} 0.0");
                assertThat(metrics).contains("sentinel_deliveries_sent_total{route=\"down\"} 0.0");
                assertThat(metrics).contains("sentinel_deliveries_failed_total{route=\"down\"} 3.0");
                assertThat(metrics).contains("sentinel_deliveries_dead_lettered_total{route=\"down\"} 1.0");
                // the stalled route's try: its worker may not have sent it yet on a loaded machine
                waitFor(() -> !stalled.bodies.isEmpty(), "the stalled route's request");
                assertThat(http.get("/metrics", null).body()).contains("sentinel_deliveries_pending 1.0");
                assertThat(stalled.bodies).hasSize(1);
            } finally {
                long t0 = System.nanoTime();
                server.stop();
                // the stalled try is cut at shutdown_drain (300 ms), not at its 20 s timeout (bound kept
                // well below it: a loaded machine stops the server, its store included, slowly)
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(15_000);
            }

            // the cut-off delivery was stored before the store closed; the log reads without routes
            SentinelServer again = SentinelServer.start(ServerOptions.defaults(null, data).withPort(0));
            try {
                Http http = new Http(again.port());
                JsonNode cut = http.get("/v1/deliveries?route=stalled", analyst).json().get("deliveries");
                assertThat(cut).hasSize(1);
                assertThat(cut.get(0).get("status").asText()).isEqualTo("dead_letter");
                assertThat(cut.get(0).get("last_error").asText()).contains("shutdown");
                assertThat(cut.get(0).get("alert_key").asText()).isEqualTo(alertKey);
                assertThat(http.get("/v1/deliveries", analyst).json().get("deliveries")).hasSize(3);
            } finally {
                again.stop();
            }
        }
    }

    private static JsonNode waitForDeliveries(Http http, String key, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode page;
        do {
            Http.Response r = http.get("/v1/deliveries", key);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            page = r.json();
            if (page.get("deliveries").size() >= n) {
                return page;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + n + " deliveries within 60 s, found " + page);
    }

    private static void waitFor(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 60 s");
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode byRoute(JsonNode page, String route) {
        for (JsonNode d : page.get("deliveries")) {
            if (d.get("route").asText().equals(route)) {
                return d;
            }
        }
        throw new AssertionError("no delivery of route " + route + " in " + page);
    }

    /** A webhook receiver on 127.0.0.1: 503 to the first {@code failures} requests, then 200; can hold every answer. */
    static final class Receiver implements AutoCloseable {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private final AtomicInteger count = new AtomicInteger();
        private final int failures;
        private final CountDownLatch hold;

        Receiver(int failures, CountDownLatch hold) throws IOException {
            this.failures = failures;
            this.hold = hold;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange ex) throws IOException {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (hold != null) {
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = count.incrementAndGet() <= failures ? 503 : 200;
            byte[] answer = (status == 200 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
            try (OutputStream os = ex.getResponseBody()) {
                ex.sendResponseHeaders(status, answer.length);
                os.write(answer);
            } catch (IOException e) {
                // the client gave up (shutdown): nothing to answer
            }
        }

        @Override
        public void close() {
            if (hold != null) {
                hold.countDown();
            }
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
