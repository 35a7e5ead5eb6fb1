package io.sentinelrisk.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for the dashboard's security tests: it keeps cookies, follows no
 * redirect (so each answer can be checked) and posts forms, with or without the CSRF token.
 */
final class WebClient {
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([0-9a-f]*)\">");
    static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();

    WebClient(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs in with {@code key} as the sign-in form does; the answer to the form's POST. */
    HttpResponse<String> signIn(String key) {
        HttpResponse<String> form = get("/login");
        Matcher m = CSRF_FIELD.matcher(form.body());
        if (!m.find()) {
            throw new AssertionError("no _csrf field on the sign-in page");
        }
        return post("/login", Map.of("_csrf", m.group(1), "key", key));
    }

    /** The CSRF token of the signed-in session, as the layout's meta tag carries it. */
    String csrf() {
        Matcher m = CSRF_META.matcher(get("/feed").body());
        if (!m.find() || m.group(1).isEmpty()) {
            throw new AssertionError("no csrf-token meta tag on /feed");
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || c.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
