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
