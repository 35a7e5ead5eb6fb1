package io.sentinelrisk.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.server.Http;
import io.sentinelrisk.server.SentinelServer;
import io.sentinelrisk.server.ServerOptions;
import io.sentinelrisk.server.TestModels;
import io.sentinelrisk.server.auth.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server for the dashboard's tests: the test bundle of {@link TestModels} with a business
 * mapping (so alerts carry a category, cost, SLA, action and escalation), on the embedded store,
 * on a free port, with a key of each role.
 */
final class WebFixture implements AutoCloseable {
    static final String MAPPING = """
            version: 1
            name: test-payments
            currency: USD
            categories:
              - name: large_transfer
                when: "amount > 10000"
                risk_level: high
                estimated_cost: 15000
                sla_minutes: 30
                recommended_action: Hold the transfer and call the customer.
                escalation: [fraud_analyst, fraud_manager]
                narrative: "Large transfer of {amount} by {user} from {country}."
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final SentinelServer server;
    final Http http;
    final Map<Role, String> keys = new EnumMap<>(Role.class);
    private final AtomicLong minute = new AtomicLong(10_000);
    private final AtomicLong ids = new AtomicLong();

    WebFixture(String name) {
        try {
            dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), name + "-");
            Path plain = TestModels.bundle(dir, "plain", 0.05, 7);
            Pipeline p = Bundles.read(plain).withMapping(BusinessMapping.parse(MAPPING, "test-mapping.yaml", "test-mapping.yaml"));
            Path mapped = dir.resolve("mapped.srb");
            Bundles.write(p, mapped, TestModels.START);
            server = SentinelServer.start(ServerOptions.defaults(mapped, dir.resolve("data")).withPort(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http = new Http(server.port());
        for (Role r : Role.values()) {
            keys.put(r, server.keys().create("web-" + r.id(), r).token());
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Sends one event (fields beside event_id) through POST /v1/events; its result. */
    JsonNode event(String source, ObjectNode fields) {
        ObjectNode e = fields.deepCopy();
        e.put("event_id", "web-" + ids.incrementAndGet());
        if (!e.has("timestamp")) {
            e.put("timestamp", TestModels.START.plusSeconds(60 * minute.incrementAndGet()).toString());
        }
        Http.Response r = http.post("/v1/events?source=" + source, keys.get(Role.INGEST), e.toString());
        if (r.status() != 200) {
            throw new AssertionError("POST /v1/events: " + r.status() + " " + r.body());
        }
        return r.json().get("results").get(0);
    }

    /** A planted outlier of {@code user}: a huge amount at 3 am from {@code country}; its alert id. */
    String oddEvent(String source, String user, String country) {
        ObjectNode f = JSON.createObjectNode();
        f.put("user", user);
        f.put("amount", 250_000);
        f.put("hour", 3);
        f.put("country", country);
        JsonNode result = event(source, f);
        if (result.get("alert_id").isNull()) {
            throw new AssertionError("the planted outlier raised no alert: " + result);
        }
        return result.get("alert_id").asText();
    }

    /** An ordinary event of {@code user}. */
    void normalEvent(String source, String user) {
        ObjectNode f = JSON.createObjectNode();
        f.put("user", user);
        f.put("amount", 55.0);
        f.put("hour", 11);
        f.put("country", "US");
        event(source, f);
    }

    @Override
    public void close() {
        server.stop();
    }
}
