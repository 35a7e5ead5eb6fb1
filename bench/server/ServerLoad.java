import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client for `sentinel serve` (JDK classes only; run with `java bench/server/ServerLoad.java`).
 * Sends POST /v1/score or /v1/events with batches of records made from a CSV (one JSON object per
 * row), from C threads, each waiting for its answer before sending the next (closed loop).
 * Bounded: stops after REQUESTS requests or SECONDS seconds, whichever comes first. The first
 * WARMUP requests are sent and not measured.
 *
 *   java ServerLoad.java URL KEY score|events CSV BATCH CONCURRENCY REQUESTS SECONDS WARMUP [SOURCE]
 *   java ServerLoad.java bodies CSV BATCH OUT
 *
 * The second form only writes the scoring bodies, one a line, to OUT (for the wrk client of
 * bench/server/score.lua).
 *
 * SOURCE (events only) is sent as {@code ?source=}.
 *
 * Prints one line: route, batch, concurrency, requests, records, records/s, p50 / p99 / max
 * latency per request in ms, and the count of non-2xx answers.
 */
public class ServerLoad {
    public static void main(String[] a) throws Exception {
        if (a[0].equals("bodies")) {
            try (var out = Files.newOutputStream(Path.of(a[3]))) {
                for (byte[] body : prepared(records(Path.of(a[1])), Integer.parseInt(a[2]))) {
                    out.write(body);
                    out.write('\n');
                }
            }
            return;
        }
        String url = a[0];
        String key = a[1];
        String mode = a[2];
        List<String> rows = records(Path.of(a[3]));
        int batch = Integer.parseInt(a[4]);
        int concurrency = Integer.parseInt(a[5]);
        int requests = Integer.parseInt(a[6]);
        long seconds = Long.parseLong(a[7]);
        int warmup = Integer.parseInt(a[8]);
        if (!url.startsWith("http://127.0.0.1:") && !url.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("loopback only: " + url);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String path = mode.equals("events") ? "/v1/events" + (a.length > 9 ? "?source=" + a[9] : "") : "/v1/score";
        URI uri = URI.create(url + path);
        // Scoring bodies are serialized once, before the clock starts (the records repeat anyway), so
        // the client spends its share of the two cores on HTTP, not on building JSON text; event
        // bodies need fresh event ids and are built per request.
        byte[][] prepared = mode.equals("events") ? new byte[0][] : prepared(rows, batch);
        AtomicLong next = new AtomicLong();
        AtomicLong eventIds = new AtomicLong(System.currentTimeMillis() * 1000);
        AtomicLong failures = new AtomicLong();
        long[] latencies = new long[requests];
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long[] measuredStart = {0};
        AtomicLong measuredRecords = new AtomicLong();
        AtomicLong sentRecords = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long[] startAt = new long[1];
        for (int t = 0; t < concurrency; t++) {
            int seed = t;
            threads.add(Thread.ofPlatform().start(() -> {
                int cursor = seed * 7919;
                while (true) {
                    long n = next.getAndIncrement();
                    if (n >= requests || System.nanoTime() > deadline) {
                        return;
                    }
                    byte[] body;
                    if (mode.equals("events")) {
                        body = body(rows, cursor, batch, eventIds);
                        cursor += batch;
                    } else {
                        body = prepared[Math.floorMod(cursor++, prepared.length)];
                    }
                    HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() / 100 != 2) {
                            failures.incrementAndGet();
                            if (failures.get() < 3) {
                                System.err.println(r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
                            }
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    long t1 = System.nanoTime();
                    sentRecords.addAndGet(batch);
                    if (n >= warmup) {
                        synchronized (measuredStart) {
                            if (measuredStart[0] == 0) {
                                measuredStart[0] = t0;
                            }
                        }
                        latencies[(int) n] = t1 - t0;
                        measuredRecords.addAndGet(batch);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long end = System.nanoTime();
        long[] measured = Arrays.stream(latencies, Math.min(warmup, latencies.length), latencies.length).filter(x -> x > 0).sorted().toArray();
        double secs = (end - measuredStart[0]) / 1e9;
        System.out.printf("%s batch=%d concurrency=%d requests=%d records=%d records_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f failures=%d sent_records=%d%n",
                path, batch, concurrency, measured.length, measuredRecords.get(), measuredRecords.get() / secs,
                pct(measured, 0.50), pct(measured, 0.99), measured.length == 0 ? 0 : measured[measured.length - 1] / 1e6, failures.get(), sentRecords.get());
    }

    /** Every run of BATCH consecutive rows as a request body: one object, or an array of them. */
    static byte[][] prepared(List<String> rows, int batch) {
        int n = Math.max(1, rows.size() / batch);
        byte[][] out = new byte[n][];
        for (int k = 0; k < n; k++) {
            out[k] = body(rows, k * batch, batch, null);
        }
        return out;
    }

    /** A request body of BATCH rows from CURSOR (wrapping), each with a fresh event_id when IDS is given. */
    static byte[] body(List<String> rows, int cursor, int batch, AtomicLong ids) {
        StringBuilder body = new StringBuilder(batch == 1 ? "" : "[");
        for (int i = 0; i < batch; i++) {
            String row = rows.get(Math.floorMod(cursor + i, rows.size()));
            if (ids != null) {
                row = "{\"event_id\":" + ids.getAndIncrement() + "," + row.substring(1);
            }
            body.append(i == 0 ? "" : ",").append(row);
        }
        if (batch != 1) {
            body.append(']');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Rows of a CSV as JSON objects (numbers and true/false unquoted), without label columns. */
    static List<String> records(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        List<String> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (int i = 0; i < header.length; i++) {
                String h = header[i];
                if (h.equals("label") || h.equals("scenario") || h.equals("event_id")) {
                    continue;
                }
                b.append(first ? "" : ",").append('"').append(h).append("\":");
                first = false;
                String x = v[i];
                if (x.isEmpty()) {
                    b.append("null");
                } else if (x.equals("true") || x.equals("false") || x.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?")) {
                    b.append(x);
                } else {
                    b.append('"').append(x.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
            out.add(b.append('}').toString());
        }
        return out;
    }
}
