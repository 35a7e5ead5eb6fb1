package io.sentinelrisk.stream.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * POSTs each batch as a JSON array to the server's {@code /v1/events} with the API key. Answers
 * 429 and 503 and connection failures are retried (waiting the {@code Retry-After} the server
 * asks, else doubling from 200 ms up to 5 s), which is safe because the server is idempotent on
 * {@code event_id}: a batch sent twice stores every event once.
 */
public final class HttpSink implements Sink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String apiKey;
    private final int maxRetries;
    private final LongConsumer sleeper;

    public HttpSink(URI uri, String apiKey, int maxRetries) {
        this(uri, apiKey, maxRetries, HttpSink::sleep);
    }

    HttpSink(URI uri, String apiKey, int maxRetries, LongConsumer sleeper) {
        this.uri = uri;
        this.apiKey = apiKey;
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
    }

    @Override
    public Delivery send(List<SimEvent> batch) {
        StringBuilder body = new StringBuilder(batch.size() * 256).append('[');
        for (int i = 0; i < batch.size(); i++) {
            body.append(i == 0 ? "" : ",").append(batch.get(i).json());
        }
        body.append(']');
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (apiKey != null) {
            req.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest request = req.build();
        long retried = 0;
        long backoff = 200;
        while (true) {
            String problem;
            long wait = backoff;
            try {
                HttpResponse<String> res = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int code = res.statusCode();
                if (code / 100 == 2) {
                    return new Delivery(acknowledged(res.body(), batch.size()), retried);
                }
                if (code != 429 && code != 503) {
                    throw new SinkException(uri + " answered " + code + ": " + shorten(res.body()), null);
                }
                problem = "answered " + code;
                wait = res.headers().firstValue("Retry-After").map(HttpSink::seconds).orElse(backoff);
            } catch (ConnectException | HttpTimeoutException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (IOException e) {
                problem = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("interrupted while sending to " + uri, e);
            }
            if (retried >= maxRetries) {
                throw new SinkException(uri + " " + problem + " after " + retried + " retries", null);
            }
            retried++;
            sleeper.accept(wait);
            backoff = Math.min(backoff * 2, 5_000);
        }
    }

    /** The server's accepted + duplicates count (a duplicate was stored before: acknowledged too). */
    private static long acknowledged(String body, int sent) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.has("accepted")) {
                return n.get("accepted").asLong() + (n.has("duplicates") ? n.get("duplicates").asLong() : 0);
            }
        } catch (IOException e) {
            // not the events answer: a 2xx is an acknowledgement of the whole batch
        }
        return sent;
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.min(60_000, Math.max(0, Long.parseLong(retryAfter.trim()) * 1000));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static String shorten(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return uri.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
