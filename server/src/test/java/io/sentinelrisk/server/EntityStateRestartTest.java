package io.sentinelrisk.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.features.scoring.EventScorer;
import io.sentinelrisk.server.api.JsonBodies;
import io.sentinelrisk.server.auth.Role;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.EntityStateStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-entity feature state survives a restart: events of a model with a feature plan, sent in
 * batches to one server, score exactly as the same events split across a stop and a start on the
 * same store, and exactly as the batch path scores the whole file at once. A server that starts
 * from an empty store on the second half scores differently (the state matters in this test). The
 * same holds when the server process is killed with SIGKILL between the halves.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntityStateRestartTest {
    static final int EVENTS = 800;
    static final int BATCH = 100;

    Path dir;
    Path model;
    List<String> events;

    @BeforeAll
    void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "state-restart-");
        model = TestModels.featuredBundle(dir, "featured", 11);
        Random rnd = new Random(5);
        events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            // minutes 10,000+: after training, in time order; every 53rd event is odd
            events.add(i % 53 == 0 ? TestModels.oddEvent("e-" + i, i % 40, 10_000 + i)
                    : TestModels.normalEvent("e-" + i, i % 40, 10_000 + i, rnd));
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void scoresAcrossARestartEqualOneRunAndTheBatchPath() throws Exception {
        Map<String, Double> oneRun;
        try (SentinelServer server = start(model, dir.resolve("one"))) {
            oneRun = send(server, 0, EVENTS);
        }

        Map<String, Double> split = new LinkedHashMap<>();
        Path data = dir.resolve("split");
        try (SentinelServer first = start(model, data)) {
            split.putAll(send(first, 0, EVENTS / 2));
            int stored = first.database().read("test.count", c -> EntityStateStore.count(c, "states"));
            assertThat(stored).isEqualTo(40);   // every user's state is in the store
        }
        try (SentinelServer second = start(null, data)) {   // the store's champion, state read lazily
            split.putAll(send(second, EVENTS / 2, EVENTS));
        }
        assertThat(split).isEqualTo(oneRun);

        // the same with the server killed (SIGKILL) between the halves: what was acknowledged was committed, state included
        Path killedData = dir.resolve("killed");
        String key;
        try (Database db = Database.open(null, killedData, null, Database.StoreTimer.NONE)) {
            key = new io.sentinelrisk.server.auth.KeyStore(db).create("feeder", Role.INGEST).token();
        }
        Map<String, Double> killed = new LinkedHashMap<>();
        Process child = startChild(killedData);
        try {
            killed.putAll(send(new Http(port(child)), key, 0, EVENTS / 2));
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        child = startChild(killedData);
        try {
            killed.putAll(send(new Http(port(child)), key, EVENTS / 2, EVENTS));
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(killed).isEqualTo(oneRun);

        // the batch path (sentinel score) over the whole file gives the same scores
        EventScorer batch = new EventScorer(Bundles.read(model));
        List<JsonNode> records = new ArrayList<>();
        for (String e : events) {
            records.add(JsonBodies.MAPPER.readTree(e));
        }
        List<ScoredRecord> scored = batch.score(batch.records(records, "batch"), null, "batch", 1);
        for (int i = 0; i < EVENTS; i++) {
            assertThat(oneRun.get("e-" + i)).as("event e-%d", i).isEqualTo(scored.get(i).score());
        }

        // without the first half's state the second half scores differently
        Map<String, Double> cold;
        try (SentinelServer server = start(model, dir.resolve("cold"))) {
            cold = send(server, EVENTS / 2, EVENTS);
        }
        long differ = cold.entrySet().stream().filter(e -> !e.getValue().equals(oneRun.get(e.getKey()))).count();
        assertThat(differ).isGreaterThan(EVENTS / 4);
    }

    private static SentinelServer start(Path bundle, Path data) {
        return SentinelServer.start(ServerOptions.defaults(bundle, data).withPort(0));
    }

    private Process startChild(Path data) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), ChildServer.class.getName(), model.toString(), data.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile())).start();
    }

    /** The port the child prints once it listens. */
    private int port(Process child) throws java.io.IOException {
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("PORT ")) {
            throw new AssertionError("the server did not start: " + line + "\n" + Files.readString(dir.resolve("child.err")));
        }
        return Integer.parseInt(line.substring(5).trim());
    }

    /** Sends events [from, to) in batches to source "states"; each event's score by id. */
    private Map<String, Double> send(SentinelServer server, int from, int to) {
        return send(new Http(server.port()), server.keys().create("feeder-" + from, Role.INGEST).token(), from, to);
    }

    private Map<String, Double> send(Http http, String key, int from, int to) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int b = from; b < to; b += BATCH) {
            Http.Response r = http.post("/v1/events?source=states", key,
                    "[" + String.join(",", events.subList(b, Math.min(to, b + BATCH))) + "]");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            for (JsonNode res : r.json().get("results")) {
                out.put(res.get("event_id").asText(), res.get("score").asDouble());
            }
        }
        return out;
    }
}
