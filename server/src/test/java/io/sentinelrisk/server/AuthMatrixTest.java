package io.sentinelrisk.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.http.HandlerType;
import io.sentinelrisk.server.api.Route;
import io.sentinelrisk.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every /v1 route × every caller (no key, a malformed key, an unknown key, a revoked key, and a
 * key of each role): 401 without a valid key, 403 with the wrong role, neither with the right one
 * (admin may call everything). Keys never reach the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixTest {
    SentinelServer server;
    Http http;
    final Map<Role, String> keys = new java.util.EnumMap<>(Role.class);
    String revoked;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    void start() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        log.setContext(root.getLoggerContext());
        log.start();
        root.addAppender(log);
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "auth-");
        server = SentinelServer.start(ServerOptions.defaults(TestModels.bundle(dir, "m", 0.05, 7), dir.resolve("data")).withPort(0));
        http = new Http(server.port());
        for (Role r : Role.values()) {
            keys.put(r, server.keys().create("key-" + r.id(), r).token());
        }
        revoked = server.keys().create("gone", Role.ADMIN).token();
        assertThat(server.keys().revoke(revoked.substring(3, 19))).isTrue();
    }

    @AfterAll
    void stop() {
        server.stop();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(log);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private Http.Response call(Route route, String key) {
        return call(route, key, "");
    }

    private Http.Response call(Route route, String key, String query) {
        String path = route.path().replace("{id}", "some-id").replace("{version}", "m-000000000000") + query;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (route.method() == HandlerType.GET) {
            b.GET();
        } else if (route.method() == HandlerType.DELETE) {
            b.DELETE();
        } else {
            b.header("Content-Type", "application/json").method(route.method().name(), HttpRequest.BodyPublishers.ofString("{}"));
        }
        return http.send(b, key);
    }

    @Test
    void everyRouteTimesEveryCaller() {
        List<String> failures = new ArrayList<>();
        assertThat(server.routes()).hasSizeGreaterThanOrEqualTo(14);
        for (Route route : server.routes()) {
            assertThat(route.role()).as(route.path()).isNotNull();
            check(failures, route, "no key", null, 401);
            check(failures, route, "malformed key", "not-a-key", 401);
            check(failures, route, "unknown key", "sk_0123456789abcdef_" + "0".repeat(64), 401);
            check(failures, route, "revoked key", revoked, 401);
            for (Role caller : Role.values()) {
                int status = call(route, keys.get(caller)).status();
                boolean allowed = caller == Role.ADMIN || caller == route.role();
                if (allowed && (status == 401 || status == 403)) {
                    failures.add(route.method() + " " + route.path() + " as " + caller.id() + ": " + status + ", expected access");
                }
                if (!allowed && status != 403) {
                    failures.add(route.method() + " " + route.path() + " as " + caller.id() + ": " + status + ", expected 403");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Naming a source (or any query) never changes who may call a route: the role is checked first. */
    @Test
    void aSourceParameterDoesNotChangeTheRole() {
        List<String> failures = new ArrayList<>();
        for (Route route : server.routes()) {
            for (Role caller : Role.values()) {
                int status = call(route, keys.get(caller), "?source=soc").status();
                boolean allowed = caller == Role.ADMIN || caller == route.role();
                if (allowed ? status == 401 || status == 403 : status != 403) {
                    failures.add(route.method() + " " + route.path() + "?source=soc as " + caller.id() + ": " + status);
                }
            }
            int anonymous = call(route, null, "?source=soc").status();
            if (anonymous != 401) {
                failures.add(route.method() + " " + route.path() + "?source=soc without a key: " + anonymous);
            }
        }
        assertThat(failures).isEmpty();
    }

    private void check(List<String> failures, Route route, String who, String key, int expected) {
        Http.Response r = call(route, key);
        if (r.status() != expected) {
            failures.add(route.method() + " " + route.path() + " with " + who + ": " + r.status() + ", expected " + expected);
        } else if (!r.json().get("error").get("code").asText().equals("unauthorized")) {
            failures.add(route.method() + " " + route.path() + " with " + who + ": error body " + r.body());
        }
    }

    @Test
    void keysNeverReachTheLog() {
        for (Route route : server.routes()) {
            for (String key : keys.values()) {
                call(route, key);
            }
            call(route, revoked);
        }
        log.stop();   // no more appends while the list is read
        for (ILoggingEvent e : List.copyOf(log.list)) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            for (String key : keys.values()) {
                assertThat(line).doesNotContain(key.substring(20));
            }
            assertThat(line).doesNotContain(revoked.substring(20));
        }
        assertThat(log.list).isNotEmpty();   // the server did log (at DEBUG), just never a key
    }

    @Test
    void publicRoutesNeedNoKey() {
        for (String path : List.of("/health", "/ready", "/metrics", "/openapi.json", "/docs")) {
            assertThat(http.get(path, null).status()).as(path).isEqualTo(200);
        }
        Http.Response missing = http.get("/v1/nothing-here", keys.get(Role.ADMIN));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void keysCreatedOverHttpWorkAndRevokedOnesStop() {
        Http.Response created = http.post("/v1/keys", keys.get(Role.ADMIN), "{\"name\":\"bob\",\"role\":\"analyst\"}");
        assertThat(created.status()).isEqualTo(201);
        String bob = created.json().get("key").asText();
        assertThat(http.get("/v1/alerts", bob).status()).isEqualTo(200);
        assertThat(http.get("/v1/keys", keys.get(Role.ADMIN)).body()).contains("bob").doesNotContain(bob.substring(20));
        assertThat(http.delete("/v1/keys/" + created.json().get("id").asText(), keys.get(Role.ADMIN)).status()).isEqualTo(204);
        assertThat(http.get("/v1/alerts", bob).status()).isEqualTo(401);
    }
}
