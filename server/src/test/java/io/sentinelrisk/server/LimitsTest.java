package io.sentinelrisk.server;

import io.sentinelrisk.server.auth.Role;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-key rate limit (429) and CORS (off unless configured). */
class LimitsTest {
    private static Path dir() throws Exception {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "limits-");
    }

    @Test
    void aKeyOverItsRateGets429WhileAnotherKeyIsServed() throws Exception {
        Path dir = dir();
        try (SentinelServer server = SentinelServer.start(ServerOptions.defaults(TestModels.bundle(dir, "m", 0.05, 7),
                dir.resolve("data")).withPort(0).withLimits(1 << 20, 100, 5))) {
            Http http = new Http(server.port());
            String busy = server.keys().create("busy", Role.ANALYST).token();
            String calm = server.keys().create("calm", Role.ANALYST).token();
            // 5 a second with bursts of 5: how many pass depends on how fast this client is, so
            // count them against the time taken (a loaded machine may need seconds for 30 requests)
            int limited = 0;
            int served = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
            while (limited < 20 && System.nanoTime() < deadline) {
                Http.Response r = http.get("/v1/alerts?limit=1", busy);
                if (r.status() == 429) {
                    limited++;
                    assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(r.json().get("error").get("code").asText()).isEqualTo("rate_limited");
                } else {
                    assertThat(r.status()).isEqualTo(200);
                    served++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(limited).as("429s within 120 s").isGreaterThanOrEqualTo(20);
            assertThat(served).as("served in %.2f s at 5 a second, bursts of 5", seconds)
                    .isLessThanOrEqualTo(5 + (int) Math.ceil(5 * seconds));
            assertThat(http.get("/v1/alerts?limit=1", calm).status()).isEqualTo(200);
        }
    }

    @Test
    void noCorsHeadersUnlessOriginsAreConfigured() throws Exception {
        Path dir = dir();
        Path model = TestModels.bundle(dir, "m", 0.05, 7);
        try (SentinelServer server = SentinelServer.start(ServerOptions.defaults(model, dir.resolve("a")).withPort(0))) {
            Http http = new Http(server.port());
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .header("Origin", "https://evil.example").GET(), null);
            assertThat(r.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        try (SentinelServer server = SentinelServer.start(ServerOptions.defaults(model, dir.resolve("b")).withPort(0)
                .withCors(List.of("https://soc.example")))) {
            Http http = new Http(server.port());
            var ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .header("Origin", "https://soc.example").GET(), null);
            assertThat(ok.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://soc.example");
            var other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .header("Origin", "https://evil.example").GET(), null);
            assertThat(other.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void theStoreSurvivesARestartAndKeepsTheChampion() throws Exception {
        Path dir = dir();
        Path model = TestModels.bundle(dir, "m", 0.05, 7);
        String key;
        String alertId;
        try (SentinelServer server = SentinelServer.start(ServerOptions.defaults(model, dir.resolve("data")).withPort(0))) {
            key = server.keys().create("admin", Role.ADMIN).token();
            Http http = new Http(server.port());
            alertId = http.post("/v1/events", key, TestModels.oddEvent("restart-1", 1, 5))
                    .json().get("results").get(0).get("alert_id").asText();
        }
        // no --model: the stored champion scores
        try (SentinelServer server = SentinelServer.start(ServerOptions.defaults(null, dir.resolve("data")).withPort(0))) {
            Http http = new Http(server.port());
            assertThat(http.get("/v1/alerts/" + alertId, key).status()).isEqualTo(200);
            assertThat(http.post("/v1/events", key, TestModels.oddEvent("restart-1", 1, 5)).json()
                    .get("duplicates").asInt()).isEqualTo(1);
        }
    }
}
