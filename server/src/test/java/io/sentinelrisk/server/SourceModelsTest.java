package io.sentinelrisk.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One model per source: events and records of a source are scored by its champion, others by the
 * default model; promotion, rollback and retrain act on one source; GET /v1/models shows each
 * model's source and which sources it is champion of; the champions survive a restart; without a
 * default model a source without its own is 422.
 */
class SourceModelsTest {
    static final String RECORD = "{\"user\":\"u1\",\"amount\":50,\"hour\":10,\"country\":\"US\"}";

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void eachSourceScoresWithItsChampion() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sources-");
        Path fallback = TestModels.bundle(dir, "default", 0.05, 7);
        Path soc = TestModels.bundle(dir, "soc", 0.10, 8);
        Path data = dir.resolve("data");
        String defaultVersion;
        String socVersion;
        try (SentinelServer server = SentinelServer.start(ServerOptions.defaults(fallback, data).withPort(0)
                .withSourceModels(Map.of("soc", soc)))) {
            Http http = new Http(server.port());
            String ingest = server.keys().create("feeder", Role.INGEST).token();
            String admin = server.keys().create("root", Role.ADMIN).token();
            JsonNode models = http.get("/v1/models", admin).json();
            defaultVersion = models.get("champions").get("api").asText();
            socVersion = models.get("champions").get("soc").asText();
            assertThat(socVersion).isNotEqualTo(defaultVersion);
            assertThat(models.get("champion").asText()).isEqualTo(defaultVersion);
            for (JsonNode m : models.get("models")) {
                String expected = m.get("version").asText().equals(socVersion) ? "soc" : "api";
                assertThat(m.get("source").asText()).isEqualTo(expected);
                assertThat(m.get("champion").asBoolean()).isTrue();
                assertThat(m.get("champion_of")).extracting(JsonNode::asText).containsExactly(expected);
            }

            assertThat(version(http.post("/v1/events?source=soc", ingest, TestModels.oddEvent("s-1", 1, 100)))).isEqualTo(socVersion);
            assertThat(version(http.post("/v1/events?source=web", ingest, TestModels.oddEvent("w-1", 1, 100)))).isEqualTo(defaultVersion);
            assertThat(version(http.post("/v1/events", ingest, TestModels.oddEvent("a-1", 1, 100)))).isEqualTo(defaultVersion);
            assertThat(version(http.post("/v1/score?source=soc", ingest, RECORD))).isEqualTo(socVersion);
            assertThat(version(http.post("/v1/score", ingest, RECORD))).isEqualTo(defaultVersion);

            // promote and roll back one source; the others keep their champion
            byte[] third = Files.readAllBytes(TestModels.bundle(dir, "third", 0.20, 9));
            Http.Response up = http.postBytes("/v1/models?source=soc", admin, "application/octet-stream", third);
            assertThat(up.status()).isEqualTo(201);
            assertThat(up.json().get("source").asText()).isEqualTo("soc");
            assertThat(up.json().get("champion").asBoolean()).isFalse();
            String thirdVersion = up.json().get("version").asText();
            Http.Response promoted = http.post("/v1/models/" + thirdVersion + "/promote?source=soc", admin, "");
            assertThat(promoted.json().get("source").asText()).isEqualTo("soc");
            assertThat(version(http.post("/v1/score?source=soc", ingest, RECORD))).isEqualTo(thirdVersion);
            assertThat(version(http.post("/v1/score", ingest, RECORD))).isEqualTo(defaultVersion);
            assertThat(http.post("/v1/models/rollback?source=web", admin, "").status()).isEqualTo(409);
            assertThat(http.post("/v1/models/rollback?source=soc", admin, "").json().get("champion").asText()).isEqualTo(socVersion);
            assertThat(version(http.post("/v1/score?source=soc", ingest, RECORD))).isEqualTo(socVersion);
            assertThat(http.get("/v1/models?source=soc", admin).json().get("models")).extracting(m -> m.get("version").asText())
                    .containsExactlyInAnyOrder(socVersion, thirdVersion);

            // retrain one source: its events and its champion
            Random rnd = new Random(3);
            StringBuilder many = new StringBuilder("[");
            for (int i = 0; i < 1100; i++) {
                many.append(i == 0 ? "" : ",").append(TestModels.normalEvent("sr-" + i, i % 40, 1_000 + i, rnd));
            }
            assertThat(http.post("/v1/events?source=soc", ingest, many.append("]").toString()).status()).isEqualTo(200);
            Http.Response few = http.post("/v1/models/retrain?source=web", admin, "");
            assertThat(few.status()).isEqualTo(422);   // web has one event
            Http.Response retrained = http.post("/v1/models/retrain?source=soc", admin, "");
            assertThat(retrained.status()).isEqualTo(201);
            assertThat(retrained.json().get("source").asText()).isEqualTo("soc");
            assertThat(retrained.json().get("report").get("champion").get("version").asText()).isEqualTo(socVersion);
            assertThat(retrained.json().get("report").get("events_used").asInt()).isEqualTo(1101);

            String metrics = http.get("/metrics", null).body();
            assertThat(metrics).contains("sentinel_model_info{source=\"soc\",version=\"" + socVersion + "\"}")
                    .contains("sentinel_model_info{source=\"api\",version=\"" + defaultVersion + "\"}");
        }

        // the champions of every source come back after a restart without --model
        try (SentinelServer again = SentinelServer.start(ServerOptions.defaults(null, data).withPort(0))) {
            assertThat(again.registry().champions().get("soc").version()).isEqualTo(socVersion);
            assertThat(again.registry().champions().get("api").version()).isEqualTo(defaultVersion);
        }

        // only per-source models: another source has no model to score it
        try (SentinelServer only = SentinelServer.start(ServerOptions.defaults(null, dir.resolve("only")).withPort(0)
                .withSourceModels(Map.of("soc", soc)))) {
            Http http = new Http(only.port());
            String ingest = only.keys().create("feeder", Role.INGEST).token();
            assertThat(http.get("/ready", null).status()).isEqualTo(200);
            assertThat(version(http.post("/v1/events?source=soc", ingest, TestModels.oddEvent("o-1", 1, 100)))).isEqualTo(socVersion);
            Http.Response none = http.post("/v1/events", ingest, TestModels.oddEvent("o-2", 1, 100));
            assertThat(none.status()).isEqualTo(422);
            assertThat(none.json().get("error").get("code").asText()).isEqualTo("no_model");
            assertThat(none.json().get("error").get("message").asText()).contains("'api'").contains("--model api=FILE.srb");
        }
    }

    private static String version(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("model_version").asText();
    }
}
