package io.sentinelrisk.stream;

import com.sun.net.httpserver.HttpServer;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.stream.sim.EventFile;
import io.sentinelrisk.stream.sim.HttpSink;
import io.sentinelrisk.stream.sim.SimEvent;
import io.sentinelrisk.stream.sim.SimSummary;
import io.sentinelrisk.stream.sim.Simulator;
import io.sentinelrisk.stream.sim.Sink;
import io.sentinelrisk.stream.sim.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream simulator: reading files in event-time order, pacing, batches, and HTTP retries. */
class SimulatorTest {
    @TempDir
    Path dir;

    @Test
    void csvIsReplayedInEventTimeOrderWithTheFilesText() throws Exception {
        Path f = dir.resolve("e.csv");
        Files.writeString(f, "event_id,user,timestamp,amount\n"
                + "1,007,2024-01-01T00:00:05Z,1.50\n"
                + "2,b,2024-01-01T00:00:01Z,\n"
                + "3,007,2024-01-01T00:00:05Z,3\n"
                + "4,c,2024-01-01T00:00:00Z,4e2\n");
        List<SimEvent> events = EventFile.read(f, null, "user");
        assertThat(events).extracting(SimEvent::json).containsExactly(
                "{\"event_id\":\"4\",\"user\":\"c\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"amount\":\"4e2\"}",
                "{\"event_id\":\"2\",\"user\":\"b\",\"timestamp\":\"2024-01-01T00:00:01Z\"}",
                "{\"event_id\":\"1\",\"user\":\"007\",\"timestamp\":\"2024-01-01T00:00:05Z\",\"amount\":\"1.50\"}",
                "{\"event_id\":\"3\",\"user\":\"007\",\"timestamp\":\"2024-01-01T00:00:05Z\",\"amount\":\"3\"}");
        assertThat(events).extracting(SimEvent::key).containsExactly("c", "b", "007", "007");
    }

    @Test
    void jsonLinesAndBadTimesAreNamed() throws Exception {
        Path f = dir.resolve("e.jsonl");
        Files.writeString(f, "{\"id\":1,\"ts\":1704067205000}\n\n{\"id\":2,\"ts\":1704067201}\n");
        assertThat(EventFile.read(f, null, null)).extracting(SimEvent::time).containsExactly(1704067201000L, 1704067205000L);
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"id\":1,\"ts\":1}\n{\"id\":2,\"ts\":\"yesterday\"}\n");
        assertThatThrownBy(() -> EventFile.read(bad, null, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.jsonl:2").hasMessageContaining("'ts'").hasMessageContaining("yesterday");
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"id\":1}\n{\"id\": \n");
        assertThatThrownBy(() -> EventFile.read(broken, null, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("broken.jsonl:2").hasMessageContaining("one JSON object per line");
        assertThatThrownBy(() -> EventFile.read(f, "when", null)).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> Target.parse("kafka://host:9092")).hasMessageContaining("kafka://HOST:PORT/TOPIC");
        assertThat(Target.parse("kafka://a:1,b:2/events")).isEqualTo(new Target.Kafka("a:1,b:2", "events"));
    }

    @Test
    @Timeout(30)
    void httpBatchesAreRetriedOnOverloadAndCarryTheKey() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events", ex -> {
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = calls.incrementAndGet();
            byte[] answer;
            if (n % 3 == 1) {   // every batch is first refused once, then (n % 3 == 2) once more with 429
                ex.getResponseHeaders().add("Retry-After", "0");
                answer = "{}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(503, answer.length);
            } else if (n % 3 == 2) {
                answer = "{}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(429, answer.length);
            } else {
                int events = body.split("\"event_id\"", -1).length - 1;
                answer = ("{\"accepted\":" + (events - 1) + ",\"duplicates\":1}").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, answer.length);
            }
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        try {
            List<SimEvent> events = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                events.add(new SimEvent(i * 1000L, "{\"event_id\":\"" + i + "\"}", null));
            }
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/events");
            List<Long> progress = new ArrayList<>();
            SimSummary s;
            try (Sink sink = new HttpSink(uri, "k-123", 5)) {
                s = new Simulator(10, 0, 0, 0).run(events, sink, progress::add);
            }
            assertThat(s.sent()).isEqualTo(25);
            assertThat(s.batches()).isEqualTo(3);
            assertThat(s.retried()).isEqualTo(6);
            assertThat(s.acknowledged()).isEqualTo(25);
            assertThat(progress).containsExactly(10L, 20L, 25L);
            assertThat(auth).hasSize(9).containsOnly("Bearer k-123");

            server.removeContext("/v1/events");
            server.createContext("/v1/events", ex -> {
                byte[] answer = "{\"error\":\"invalid_record\"}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(422, answer.length);
                ex.getResponseBody().write(answer);
                ex.close();
            });
            try (Sink sink = new HttpSink(uri, "k-123", 5)) {
                assertThatThrownBy(() -> new Simulator(10, 0, 0, 0).run(events, sink, x -> { }))
                        .isInstanceOf(Sink.SinkException.class).hasMessageContaining("422").hasMessageContaining("invalid_record");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    @Timeout(30)
    void rateAndMaxBatchesPaceAndStopTheReplay() {
        List<SimEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(new SimEvent(i, "{}", null));
        }
        List<Integer> sizes = new ArrayList<>();
        Sink counting = new Sink() {
            public Delivery send(List<SimEvent> batch) {
                sizes.add(batch.size());
                return new Delivery(batch.size(), 0);
            }

            public String describe() {
                return "counting";
            }

            public void close() {
            }
        };
        SimSummary s = new Simulator(10, 6, 200, 0).run(events, counting, x -> { });
        assertThat(s.sent()).isEqualTo(60);
        assertThat(sizes).hasSize(6).containsOnly(10);
        // batch 6 leaves when 50 events have gone at 200 events/s: not before 0.25 s
        assertThat(s.seconds()).isGreaterThanOrEqualTo(0.24);
        assertThat(s.rate()).isLessThan(260);
        // event-time pace: 100 events 1 ms apart at speedup 0.5 span about 0.2 s
        SimSummary t = new Simulator(10, 0, 0, 0.5).run(events, counting, x -> { });
        assertThat(t.seconds()).isGreaterThanOrEqualTo(0.17);
    }
}
