package io.sentinelrisk.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI file served at /openapi.json documents exactly the routes the server answers, and /docs works offline. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiRoutesTest {
    SentinelServer server;
    Http http;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "openapi-");
        server = SentinelServer.start(ServerOptions.defaults(TestModels.bundle(dir, "m", 0.05, 7), dir.resolve("data")).withPort(0));
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        JsonNode doc = http.get("/openapi.json", null).json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(m)) {
                documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        // the dashboard's pages are HTML for browsers, not API: they are left out of the document on purpose
        Set<String> pages = new TreeSet<>();
        server.pages().forEach(p -> pages.add(p.method().name() + " " + p.path()));
        assertThat(pages).allMatch(p -> !p.contains(" /v1/"), "no page lives under /v1");
        Set<String> served = new TreeSet<>(server.registeredRoutes());
        assertThat(served).containsAll(pages);
        served.removeAll(pages);
        assertThat(served).isNotEmpty();
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void everyDocumentedV1OperationNamesItsRoleAndErrors() {
        JsonNode doc = http.get("/openapi.json", null).json();
        doc.get("paths").fields().forEachRemaining(p -> {
            if (p.getKey().startsWith("/v1/")) {
                p.getValue().fields().forEachRemaining(op -> {
                    if (op.getValue().has("responses")) {
                        assertThat(op.getValue().get("description").asText()).as(p.getKey()).startsWith("Role: ");
                        assertThat(op.getValue().get("responses").has("401")).as(p.getKey()).isTrue();
                        assertThat(op.getValue().get("responses").has("403")).as(p.getKey()).isTrue();
                    }
                });
            }
        });
    }

    /**
     * The query parameters each /v1 operation documents are exactly those its handler accepts:
     * an unknown parameter is refused with the list of the accepted ones, which must match.
     */
    @Test
    void everyV1OperationDocumentsExactlyTheQueryParametersItTakes() {
        JsonNode doc = http.get("/openapi.json", null).json();
        String admin = server.keys().create("openapi-params", io.sentinelrisk.server.auth.Role.ADMIN).token();
        java.util.List<String> mismatches = new java.util.ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> {
            if (!p.getKey().startsWith("/v1/")) {
                return;
            }
            p.getValue().fields().forEachRemaining(op -> {
                if (!op.getValue().has("responses")) {
                    return;
                }
                Set<String> documented = new TreeSet<>();
                queryParameters(doc, p.getValue().get("parameters"), documented);
                queryParameters(doc, op.getValue().get("parameters"), documented);
                String path = p.getKey().replace("{id}", "x").replace("{version}", "m-000000000000") + "?zz_unknown=1";
                var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/json")
                        .method(op.getKey().toUpperCase(Locale.ROOT), java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
                Http.Response r = http.send(b, admin);
                String message = r.status() == 400 ? r.json().get("error").get("message").asText() : "";
                Set<String> accepted = new TreeSet<>();
                int at = message.indexOf("expected one of ");
                if (at >= 0) {
                    accepted.addAll(java.util.Arrays.asList(message.substring(at + "expected one of ".length()).split(", ")));
                } else if (!message.contains("this route takes none")) {
                    mismatches.add(op.getKey() + " " + p.getKey() + ": unknown parameter not refused (" + r.status() + ")");
                    return;
                }
                if (!accepted.equals(documented)) {
                    mismatches.add(op.getKey() + " " + p.getKey() + ": takes " + accepted + ", documents " + documented);
                }
            });
        });
        assertThat(mismatches).isEmpty();
    }

    private static void queryParameters(JsonNode doc, JsonNode list, Set<String> out) {
        if (list == null) {
            return;
        }
        for (JsonNode param : list) {
            JsonNode p = param.has("$ref")
                    ? doc.at(param.get("$ref").asText().substring(1)) : param;
            if ("query".equals(p.path("in").asText())) {
                out.add(p.get("name").asText());
            }
        }
    }

    @Test
    void swaggerUiIsServedFromTheWebjar() {
        Http.Response page = http.get("/docs", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/swagger-ui/" + SentinelServer.SWAGGER_UI + "/swagger-ui-bundle.js")
                .contains("/openapi.json");
        Http.Response js = http.get("/webjars/swagger-ui/" + SentinelServer.SWAGGER_UI + "/swagger-ui-bundle.js", null);
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.body().length()).isGreaterThan(100_000);
    }
}
