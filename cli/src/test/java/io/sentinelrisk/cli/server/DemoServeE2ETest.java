package io.sentinelrisk.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sentinel demo --serve} as a newcomer runs it (the real jar, a process): it prints the
 * URL and two keys, alerts of all four sources arrive within seconds, the analyst key is refused
 * the admin routes, and SIGTERM stops it cleanly with exit code 0.
 */
@Tag("integration")
class DemoServeE2ETest {
    static final List<String> SOURCES = List.of("soc", "transactions", "web-sessions", "metrics");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void servesFourSourcesWithAlertsAndStopsOnSigterm() throws Exception {
        Path err = dir.resolve("demo.err");
        Process demo = new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED", "-jar", jar(), "demo", "--serve",
                "--port", "0", "--rate", "200", "--data-dir", dir.resolve("demo").toString())
                .directory(dir.toFile()).redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            String admin = null;
            String analyst = null;
            StringBuilder printed = new StringBuilder();
            for (String line; analyst == null && (line = out.readLine()) != null; ) {
                printed.append(line).append('\n');
                Matcher u = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+) ").matcher(line);
                if (u.find()) {
                    url = u.group(1);
                }
                Matcher k = Pattern.compile("(admin|analyst) key: +(sk_[0-9a-f]{16}_[0-9a-f]{64})$").matcher(line);
                if (k.find()) {
                    if (k.group(1).equals("admin")) {
                        admin = k.group(2);
                    } else {
                        analyst = k.group(2);
                    }
                }
            }
            assertThat(url).as(printed + Files.readString(err)).isNotNull();
            assertThat(admin).as(printed.toString()).isNotNull();
            assertThat(analyst).as(printed.toString()).isNotNull();
            List<String> later = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Thread drain = new Thread(() -> {   // keeps the pipe from filling up
                try {
                    out.lines().forEach(later::add);
                } catch (java.io.UncheckedIOException e) {
                    // the process is gone
                }
            });
            drain.setDaemon(true);
            drain.start();

            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper json = new ObjectMapper();
            // every source has alerts within seconds (a generous deadline: a loaded machine trains and scores slowly)
            Set<String> alerting = new TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (alerting.size() < SOURCES.size() && System.nanoTime() < deadline) {
                for (String s : SOURCES) {
                    HttpResponse<String> r = get(http, url + "/v1/alerts?limit=5&source=" + s, analyst);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    JsonNode alerts = json.readTree(r.body()).get("alerts");
                    if (!alerts.isEmpty()) {
                        assertThat(alerts.get(0).get("source").asText()).isEqualTo(s);
                        alerting.add(s);
                    }
                }
                Thread.sleep(500);
            }
            assertThat(alerting).as(Files.readString(err)).containsExactlyInAnyOrderElementsOf(SOURCES);

            // one champion per source; the analyst key is refused the admin routes
            HttpResponse<String> models = get(http, url + "/v1/models", admin);
            assertThat(models.statusCode()).isEqualTo(200);
            assertThat(json.readTree(models.body()).get("champions").fieldNames()).toIterable()
                    .containsAll(SOURCES);
            assertThat(get(http, url + "/v1/models", analyst).statusCode()).isEqualTo(403);

            // SIGTERM (through the handle: Process.destroy would also close our end of its stdout)
            assertThat(demo.toHandle().destroy()).isTrue();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.exitValue()).as(Files.readString(err)).isZero();
            drain.join(60_000);
            assertThat(later).anyMatch(l -> l.contains("stopped; the store stays in"));
            assertThat(Files.readString(err)).doesNotContain("Exception").doesNotContain("was refused");
        } finally {
            demo.destroyForcibly();
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of(System.getProperty("sentinel.jar", "target/sentinel.jar")).toAbsolutePath().toString();
    }
}
