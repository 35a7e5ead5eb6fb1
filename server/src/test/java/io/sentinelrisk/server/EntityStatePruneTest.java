package io.sentinelrisk.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.server.auth.Role;
import io.sentinelrisk.server.scoring.EntityStatePruner;
import io.sentinelrisk.server.store.EntityStateStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pruning of expired entity states changes no score: with a feature plan whose entity_ttl is 7
 * days, users whose latest event is 9 days behind the source's newest one are deleted from the
 * store (and from memory), users seen recently are kept, and afterwards every user's next events
 * score exactly as on a server that never pruned, and exactly as on a fresh store where the
 * pruned users were never seen. On the embedded store and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntityStatePruneTest {
    static final long DAY = 24 * 60;
    static final int EARLY_USERS = 10;
    static final int RECENT_USERS = 5;

    Path model;
    List<String> early = new ArrayList<>();
    List<String> recent = new ArrayList<>();
    List<String> later = new ArrayList<>();

    @BeforeAll
    void setUp() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "state-prune-");
        model = TestModels.featuredBundle(dir, "featured", 11);
        Random rnd = new Random(3);
        // minutes 10,000+ are after training; users 0-9 active on day 0 only, users 10-14 on day 9
        for (int i = 0; i < EARLY_USERS * 12; i++) {
            early.add(i % 29 == 0 ? TestModels.oddEvent("a-" + i, i % EARLY_USERS, 10_000 + i)
                    : TestModels.normalEvent("a-" + i, i % EARLY_USERS, 10_000 + i, rnd));
        }
        for (int i = 0; i < RECENT_USERS * 12; i++) {
            recent.add(TestModels.normalEvent("b-" + i, EARLY_USERS + i % RECENT_USERS, 10_000 + 9 * DAY + i, rnd));
        }
        // then every user again, within the hour after the newest event
        for (int i = 0; i < (EARLY_USERS + RECENT_USERS) * 4; i++) {
            int user = i % (EARLY_USERS + RECENT_USERS);
            later.add(i % 31 == 0 ? TestModels.oddEvent("c-" + i, user, 10_000 + 9 * DAY + 100 + i)
                    : TestModels.normalEvent("c-" + i, user, 10_000 + 9 * DAY + 100 + i, rnd));
        }
    }

    @Test
    void embedded(@TempDir Path dir) {
        check(dir, null, null);
    }

    @Test
    @Tag("integration")
    void postgres(@TempDir Path dir) {
        String schema = TestStores.uniqueSchema();
        try {
            check(dir, TestStores.postgresUrl(), schema);
        } finally {
            for (String s : List.of("_p", "_k", "_f")) {
                TestStores.drop(schema + s);
            }
        }
    }

    private void check(Path dir, String db, String schema) {
        Map<String, Double> pruned;
        try (SentinelServer server = start(dir.resolve("pruned"), db, schema == null ? null : schema + "_p")) {
            Http http = new Http(server.port());
            String key = server.keys().create("feeder", Role.INGEST).token();
            send(http, key, early);
            send(http, key, recent);
            assertThat(count(server)).isEqualTo(EARLY_USERS + RECENT_USERS);

            EntityStatePruner.Outcome outcome = server.pruneEntityStates();
            assertThat(outcome.pruned()).isEqualTo(EARLY_USERS);
            assertThat(outcome.rows()).isEqualTo(RECENT_USERS);
            assertThat(count(server)).isEqualTo(RECENT_USERS);
            String metrics = http.get("/metrics", null).body();
            assertThat(metrics).contains("sentinel_entity_state_rows " + RECENT_USERS + ".0")
                    .contains("sentinel_entity_state_pruned_total " + EARLY_USERS + ".0");
            // a second run finds nothing more to delete
            assertThat(server.pruneEntityStates().pruned()).isZero();

            pruned = send(http, key, later);
            assertThat(count(server)).isEqualTo(EARLY_USERS + RECENT_USERS);
        }

        Map<String, Double> kept;
        try (SentinelServer server = start(dir.resolve("kept"), db, schema == null ? null : schema + "_k")) {
            Http http = new Http(server.port());
            String key = server.keys().create("feeder", Role.INGEST).token();
            send(http, key, early);
            send(http, key, recent);
            kept = send(http, key, later);
        }

        Map<String, Double> fresh;
        try (SentinelServer server = start(dir.resolve("fresh"), db, schema == null ? null : schema + "_f")) {
            Http http = new Http(server.port());
            String key = server.keys().create("feeder", Role.INGEST).token();
            send(http, key, recent);   // the early users were never seen here
            fresh = send(http, key, later);
        }
        assertThat(pruned).hasSize(later.size()).isEqualTo(kept).isEqualTo(fresh);
    }

    /** A server on its own store, pruning only when the test asks, with an hour of allowed lateness. */
    private SentinelServer start(Path data, String db, String schema) {
        ServerOptions options = ServerOptions.defaults(model, data).withPort(0)
                .withPruning(new ServerOptions.StatePruning(3_600_000, 0));
        return SentinelServer.start(db == null ? options : options.withDb(db, schema));
    }

    private static int count(SentinelServer server) {
        return server.database().read("test.count", c -> EntityStateStore.count(c, "states"));
    }

    /** Sends events in batches of 40 to source "states"; each event's score by id. */
    private static Map<String, Double> send(Http http, String key, List<String> events) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int b = 0; b < events.size(); b += 40) {
            Http.Response r = http.post("/v1/events?source=states", key,
                    "[" + String.join(",", events.subList(b, Math.min(events.size(), b + 40))) + "]");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            for (JsonNode res : r.json().get("results")) {
                out.put(res.get("event_id").asText(), res.get("score").asDouble());
            }
        }
        return out;
    }
}
