package io.sentinelrisk.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests get the one JSON error body with 400/413/415/422 and a field where one is at
 * fault, never a stack trace; small limits (body, batch) are set so the 413s are cheap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    SentinelServer server;
    Http http;
    String key;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bad-input-");
        server = SentinelServer.start(ServerOptions.defaults(TestModels.bundle(dir, "m", 0.05, 7), dir.resolve("data"))
                .withPort(0).withLimits(64 * 1024, 50, 0));
        http = new Http(server.port());
        key = server.keys().create("admin", Role.ADMIN).token();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    static final String OK = "\"user\":\"u1\",\"timestamp\":\"2024-02-01T10:00:00Z\",\"amount\":50,\"hour\":10,\"country\":\"US\"";

    static Stream<Arguments> cases() {
        String big = "[" + String.join(",", java.util.Collections.nCopies(51, "{" + OK + "}")) + "]";
        String huge = "{\"user\":\"" + "x".repeat(70 * 1024) + "\"}";
        return Stream.of(
                // path, content type, body, status, code, field
                Arguments.of("/v1/score", "application/json", "{\"user\":", 400, "malformed_json", null),
                Arguments.of("/v1/score", "application/json", "", 400, "malformed_json", null),
                Arguments.of("/v1/score", "application/json", "{\"amount\":1} trailing", 400, "malformed_json", null),
                Arguments.of("/v1/score", "application/json", "{\"amount\":1,\"amount\":2}", 400, "malformed_json", null),
                Arguments.of("/v1/score", "text/plain", "{" + OK + "}", 415, "unsupported_media_type", null),
                Arguments.of("/v1/events", "application/xml", "<event/>", 415, "unsupported_media_type", null),
                Arguments.of("/v1/score", "application/json", "42", 422, "wrong_type", null),
                Arguments.of("/v1/score", "application/json", "{\"amount\":\"lots\"}", 422, "wrong_type", "amount"),
                Arguments.of("/v1/score", "application/json", "[{" + OK + "},{\"amount\":[1,2]}]", 422, "wrong_type", "[1].amount"),
                Arguments.of("/v1/score", "application/json", "{" + OK + ",\"colour\":\"red\"}", 422, "unknown_field", "colour"),
                Arguments.of("/v1/score", "application/json", "{\"nothing\":null}", 422, "unknown_field", "nothing"),
                Arguments.of("/v1/score", "application/json", "[]", 422, "empty_batch", null),
                Arguments.of("/v1/score", "application/json", big, 413, "batch_too_large", null),
                Arguments.of("/v1/score", "application/json", huge, 413, "body_too_large", null),
                Arguments.of("/v1/events", "application/json", "{" + OK + "}", 422, "missing_event_id", "event_id"),
                Arguments.of("/v1/events", "application/json", "{\"event_id\":{\"a\":1}," + OK + "}", 422, "missing_event_id", "event_id"),
                Arguments.of("/v1/events", "application/json", "{\"event_id\":\"e1\",\"timestamp\":\"2024-02-01T10:00:00Z\",\"amount\":5}",
                        422, "missing_entity", "user"),
                Arguments.of("/v1/events", "application/json", "{\"event_id\":\"e1\",\"user\":\"u1\",\"amount\":5}",
                        422, "missing_timestamp", "timestamp"),
                Arguments.of("/v1/events", "application/json", "{\"event_id\":\"e1\",\"user\":\"u1\",\"timestamp\":\"yesterday\",\"amount\":5}",
                        422, "missing_timestamp", "timestamp"),
                Arguments.of("/v1/events", "application/json", "[{\"event_id\":\"d\"," + OK + "},{\"event_id\":\"d\"," + OK + "}]",
                        422, "duplicate_event_id", "[1].event_id"),
                Arguments.of("/v1/alerts/x/feedback", "application/json", "{\"verdict\":\"maybe\"}", 422, "invalid_value", "verdict"),
                Arguments.of("/v1/alerts/x/feedback", "application/json", "{\"verdict\":\"true_positive\",\"mood\":1}", 422, "unknown_field", "mood"),
                Arguments.of("/v1/alerts/x/feedback", "application/json", "{\"verdict\":7}", 422, "invalid_value", "verdict"),
                Arguments.of("/v1/alerts/x/feedback", "application/json", "{}", 422, "missing_field", "verdict"),
                Arguments.of("/v1/keys", "application/json", "{\"name\":\"n\",\"role\":\"root\"}", 422, "invalid_value", "role"),
                Arguments.of("/v1/models", "application/json", "{}", 415, "unsupported_media_type", null),
                Arguments.of("/v1/models", "application/octet-stream", "PK\u0003\u0004 not really a zip", 422, "invalid_bundle", null));
    }

    /**
     * A client that sends a too-large body whole, without asking {@code Expect: 100-continue},
     * reads its 413 every time: the server drops the rest of the body instead of resetting the
     * connection under the upload (which loses the answer now and then).
     */
    @Test
    void anOversizedUploadAlwaysReadsItsAnswer() {
        String huge = "{\"user\":\"" + "x".repeat(300 * 1024) + "\"}";
        for (int i = 0; i < 100; i++) {
            Http.Response r = http.post("/v1/score", key, huge);
            assertThat(r.status()).as("try %d: %s", i, r.body()).isEqualTo(413);
            assertThat(r.json().at("/error/code").asText()).isEqualTo("body_too_large");
        }
    }

    @ParameterizedTest(name = "{0} {3} {4} <- {2}")
    @MethodSource("cases")
    void refusedWithTheErrorBody(String path, String type, String body, int status, String code, String field) {
        Http.Response r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)), key);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode error = r.json().get("error");
        assertThat(error.get("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.has("field")).isTrue();
        if (field == null) {
            assertThat(error.get("field").isNull()).as(r.body()).isTrue();
        } else {
            assertThat(error.get("field").asText()).isEqualTo(field);
        }
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
    }

    @ParameterizedTest
    @MethodSource("queries")
    void badQueryParametersAre400(String path, String field) {
        Http.Response r = http.get(path, key);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").get("field").asText()).isEqualTo(field);
    }

    static Stream<Arguments> queries() {
        return Stream.of(Arguments.of("/v1/alerts?severity=huge", "severity"),
                Arguments.of("/v1/alerts?limit=0", "limit"),
                Arguments.of("/v1/alerts?limit=abc", "limit"),
                Arguments.of("/v1/alerts?from=last-week", "from"),
                Arguments.of("/v1/alerts?sort=risk", "sort"),
                Arguments.of("/v1/incidents?gap_minutes=-5", "gap_minutes"));
    }

    @ParameterizedTest
    @MethodSource("unknownVersions")
    void promotingAnUnknownVersionIs404(String version) {
        Http.Response r = http.post("/v1/models/" + version + "/promote", key, "");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("not_found");
    }

    static List<String> unknownVersions() {
        return List.of("m-123456789012", "%27%3B%20DROP%20TABLE%20models%3B--");
    }
}
