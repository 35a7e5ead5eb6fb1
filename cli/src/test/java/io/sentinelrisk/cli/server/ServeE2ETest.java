package io.sentinelrisk.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sentinel keys} and {@code sentinel serve} as a user runs them: the real command, as processes. */
class ServeE2ETest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void keysThenServeThenScoreThenStopGracefully() throws Exception {
        assertThat(run("demo", "--samples", "2000", "--contamination", "0.04", "--model-out", "demo.srb").exitCode()).isZero();
        Result key = run("keys", "create", "--role", "ingest", "--name", "scripts");
        assertThat(key.exitCode()).as(key.err()).isZero();
        String token = key.out().strip();
        assertThat(token).matches("sk_[0-9a-f]{16}_[0-9a-f]{64}");
        assertThat(key.err()).contains("shown only now").doesNotContain(token);
        Result list = run("keys", "list");
        assertThat(list.out()).contains("scripts").contains("ingest").doesNotContain(token.substring(20));
        assertThat(run("keys", "create", "--role", "root", "--name", "x").exitCode()).isEqualTo(2);

        Process server = new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED", "-jar", jar(), "serve",
                "--model", "demo.srb", "--port", "0").directory(dir.toFile())
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as(Files.readString(dir.resolve("serve.err"))).isNotNull();
            Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) \\(model (m-[0-9a-f]{12}),").matcher(line);
            assertThat(m.find()).as(line).isTrue();
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> scored = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/score"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"u0042\", \"event_type\": \"transfer\", \"hour\": 3, "
                            + "\"bytes_out\": 9000000, \"device_trusted\": false, \"country\": \"KP\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
            JsonNode answer = new ObjectMapper().readTree(scored.body());
            assertThat(answer.get("model_version").asText()).isEqualTo(m.group(2));
            assertThat(answer.get("alerts").get(0).get("is_anomaly").asBoolean()).isTrue();

            // the embedded store is the running server's: keys says so in one line, exit 2
            Result busy = run("keys", "list");
            assertThat(busy.exitCode()).isEqualTo(2);
            assertThat(busy.err().strip()).startsWith("sentinel keys list: error: ").contains("in use by a running server")
                    .doesNotContain("\n");
        } finally {
            server.destroy();   // SIGTERM: drain and stop
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(server.exitValue()).as(Files.readString(dir.resolve("serve.err"))).isIn(0, 143);
        assertThat(Files.readString(dir.resolve("serve.err"))).doesNotContain(token.substring(20)).doesNotContain("Exception");
        assertThat(run("keys", "list").out()).contains("scripts");   // the store is free again
    }

    @Test
    void aBadModelOrStoreIsOneLineAndExit2() throws Exception {
        Result missing = run("serve", "--model", "nope.srb", "--port", "0");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("sentinel serve: error: ").contains("nope.srb").doesNotContain("\n");
        Files.writeString(dir.resolve("fake.srb"), "not a bundle");
        Result fake = run("serve", "--model", "fake.srb", "--port", "0");
        assertThat(fake.exitCode()).isEqualTo(2);
        assertThat(fake.err().strip()).startsWith("sentinel serve: error: ").doesNotContain("\n");
        Result db = run("serve", "--model", "fake.srb", "--db", "mysql://x", "--port", "0");
        assertThat(db.exitCode()).isEqualTo(2);
        assertThat(db.err()).contains("--db");
        Result empty = run("serve", "--port", "0", "--data-dir", "empty-store");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("--model");
        // a bad routes file: one line naming file, line and column, before any store is made
        Files.writeString(dir.resolve("routes.yaml"), "routes:\n  - name: x\n    url: ftp://a\n    format: json\n");
        Result routes = run("serve", "--model", "fake.srb", "--deliveries", "routes.yaml", "--data-dir", "routes-store", "--port", "0");
        assertThat(routes.exitCode()).isEqualTo(2);
        assertThat(routes.err().strip()).startsWith("sentinel serve: error: routes.yaml:3:").contains("url").doesNotContain("\n");
        assertThat(dir.resolve("routes-store")).doesNotExist();
    }

    record Result(int exitCode, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(java(), "--enable-native-access=ALL-UNNAMED", "-jar", jar()));
        cmd.addAll(java.util.List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of(System.getProperty("sentinel.jar", "target/sentinel.jar")).toAbsolutePath().toString();
    }

    @SuppressWarnings("unused")
    private static Map<String, String> env() {
        return Map.of();
    }
}
