package io.sentinelrisk.server.delivery;

import io.sentinelrisk.core.ProductVersion;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One delivery attempt over {@link HttpClient}: POST the payload, read at most a few hundred bytes
 * of the answer (for the error message), never follow redirects (a redirect would carry the
 * route's headers, possibly secrets, elsewhere).
 */
final class HttpSender {
    /** How much of a receiver's error answer is kept. */
    static final int ANSWER_BYTES = 300;

    private final HttpClient client;

    HttpSender(HttpClient client) {
        this.client = client;
    }

    static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** Sends {@code body}; returns the 2xx status, or throws a {@link DeliveryFailure}. */
    int send(DeliveryRoute route, String contentType, String body) throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(route.url())
                .timeout(route.timeout())
                .header("Content-Type", contentType)
                .header("User-Agent", "SentinelRisk/" + ProductVersion.get())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (Map.Entry<String, String> h : route.headers().entrySet()) {
            b.setHeader(h.getKey(), h.getValue());
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure("no answer within " + route.timeout().toMillis() + " ms", true, null);
        } catch (IOException e) {
            throw new DeliveryFailure("cannot reach the receiver: " + describe(e), true, null);
        }
        int status = response.statusCode();
        String answer = answer(response);
        if (status >= 200 && status < 300) {
            return status;
        }
        boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        throw new DeliveryFailure("HTTP " + status + (answer.isEmpty() ? "" : ": " + answer), retryable, status);
    }

    /** The start of the answer's body as one line of text (closing the stream drops the rest). */
    private static String answer(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] head = in.readNBytes(ANSWER_BYTES);
            return new String(head, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}]+", " ").strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }
}
