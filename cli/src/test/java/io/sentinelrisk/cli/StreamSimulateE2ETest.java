package io.sentinelrisk.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sentinel stream simulate} as a user runs it: batches POSTed with the key from the environment; bad input named. */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StreamSimulateE2ETest {
    @TempDir
    Path dir;

    @Test
    void replaysAFileToTheEventsRouteInTimeOrder() throws Exception {
        Path csv = dir.resolve("events.csv");
        StringBuilder b = new StringBuilder("event_id,user,timestamp,bytes\n");
        for (int i = 0; i < 250; i++) {
            // written newest first: the replay sends them oldest first
            b.append(i).append(",u").append(i % 7).append(",2024-01-01T00:").append(String.format("%02d:%02d", (249 - i) / 60, (249 - i) % 60))
                    .append("Z,").append(100 + i).append('\n');
        }
        Files.writeString(csv, b);
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events", ex -> {
            keys.add(ex.getRequestHeaders().getFirst("Authorization"));
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            int n = body.split("\"event_id\"", -1).length - 1;
            byte[] answer = ("{\"accepted\":" + n + ",\"duplicates\":0}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(bodies.size() == 1 ? 503 : 200, answer.length);   // the first try is refused once
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        try {
            SentinelProcess.Result r = SentinelProcess.run(dir, Map.of("SENTINEL_API_KEY", "sk_test"), "stream", "simulate",
                    "--input", csv.toString(), "--batch-size", "100", "--max-batches", "2",
                    "--to", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/events");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("sent 200 events in 2 batches").contains("200 acknowledged, 1 retried");
            assertThat(keys).containsOnly("Bearer sk_test");
            assertThat(bodies).hasSize(3);
            assertThat(bodies.get(1)).startsWith("[{\"event_id\":\"249\",\"user\":\"u4\",\"timestamp\":\"2024-01-01T00:00:00Z\"");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "event_id,timestamp\n1,2024-01-01T00:00:00Z\n2,soon\n");
        SentinelProcess.Result badTime = SentinelProcess.run(dir, "stream", "simulate", "--input", csv.toString(),
                "--to", "kafka://127.0.0.1:1/events");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err().strip().lines()).hasSize(1);
        assertThat(badTime.err()).contains("bad.csv:3").contains("'timestamp'").contains("soon");
        SentinelProcess.Result badTarget = SentinelProcess.run(dir, "stream", "simulate", "--input", csv.toString(), "--to", "ftp://x");
        assertThat(badTarget.exitCode()).isEqualTo(2);
        assertThat(badTarget.err()).contains("--to 'ftp://x'");
        SentinelProcess.Result help = SentinelProcess.run(dir, "stream", "run", "--help");
        assertThat(help.out()).contains("--state-dir").contains("default: sentinel-stream").contains("default: 1s");
    }
}
