package io.sentinelrisk.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import io.sentinelrisk.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's security over plain HTTP, request by request: headers on every page, the
 * session cookie's flags, sign-in refusals, the role of every admin action (403 for an analyst
 * even with a valid session and CSRF token, and nothing changes), CSRF on every POST, sign-out and
 * revocation ending the session server-side, and feedback from the form reaching the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DashboardSecurityTest {
    WebFixture fx;
    String alertId;

    @BeforeAll
    void start() {
        fx = new WebFixture("websec");
        fx.normalEvent("soc", "u1");
        alertId = fx.oddEvent("soc", "u1", "KP");
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    private WebClient signedIn(Role role) {
        WebClient c = new WebClient(fx.base());
        HttpResponse<String> r = c.signIn(fx.keys.get(role));
        assertThat(r.statusCode()).as("sign-in as " + role).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/feed");
        return c;
    }

    /** A GET path of the page table with its parameters filled in. */
    private String concrete(String path) {
        return path.replace("{id}", alertId).replace("{version}", fx.server.registry().active().version());
    }

    @Test
    void everyPageSendsTheSecurityHeaders() {
        WebClient admin = signedIn(Role.ADMIN);
        List<String> checked = new ArrayList<>();
        for (Page p : fx.server.pages()) {
            if (p.method() != HandlerType.GET || p.path().equals("/feed/stream")) {
                continue;
            }
            String path = concrete(p.path()) + (p.path().equals("/entity") ? "?id=u1" : "");
            HttpResponse<String> r = admin.get(path);
            assertThat(r.statusCode()).as(path).isIn(200, 303);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .contains("object-src 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            if (r.statusCode() == 200) {
                assertThat(r.body()).as(path).doesNotContain("<script>").doesNotContain("style=\"");
            }
            checked.add(path);
        }
        assertThat(checked).contains("/feed", "/admin", "/entities", "/alerts/" + alertId);
        HttpResponse<String> js = admin.get("/static/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
        WebClient c = new WebClient(fx.base());
        HttpResponse<String> r = c.signIn(fx.keys.get(Role.ANALYST));
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(s -> s.startsWith(Sessions.COOKIE + "="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain("Secure");   // plain HTTP here; Secure is set when the request came over TLS
        assertThat(cookie.split(";")[0].substring(Sessions.COOKIE.length() + 1)).matches("[0-9a-f]{64}");
    }

    @Test
    void signInRefusesUnknownRevokedAndIngestKeys() {
        WebClient c = new WebClient(fx.base());
        assertThat(c.signIn("sk_0000000000000000_" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(c.signIn(fx.keys.get(Role.INGEST)).statusCode()).isEqualTo(403);
        assertThat(c.cookies).doesNotContainKey(Sessions.COOKIE);
        // the form's own token: a POST without it (another site's form) is refused
        assertThat(new WebClient(fx.base()).post("/login", Map.of("key", fx.keys.get(Role.ADMIN))).statusCode()).isEqualTo(403);
    }

    @Test
    void signedOutBrowsersAreSentToSignIn() {
        WebClient c = new WebClient(fx.base());
        HttpResponse<String> page = c.get("/feed");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        assertThat(c.post("/alerts/" + alertId + "/feedback", Map.of("verdict", "true_positive")).statusCode()).isEqualTo(401);
        assertThat(c.get("/admin").statusCode()).isEqualTo(303);
    }

    @Test
    void anAnalystGets403OnEveryAdminRouteEvenCraftedByHand() {
        WebClient analyst = signedIn(Role.ANALYST);
        String csrf = analyst.csrf();
        JsonNode keysBefore = fx.http.get("/v1/keys", fx.keys.get(Role.ADMIN)).json().get("keys");
        String adminKeyId = fx.keys.get(Role.ADMIN).substring(3, 19);
        List<String> admin = new ArrayList<>();
        for (Page p : fx.server.pages()) {
            if (p.role() != Role.ADMIN) {
                continue;
            }
            String path = p.path().replace("{version}", fx.server.registry().active().version()).replace("{id}", adminKeyId);
            Map<String, String> form = new HashMap<>(Map.of("_csrf", csrf, "name", "evil", "role", "admin"));
            HttpResponse<String> r = p.method() == HandlerType.GET ? analyst.get(path) : analyst.post(path, form);
            assertThat(r.statusCode()).as(p.method() + " " + path).isEqualTo(403);
            assertThat(r.body()).as(path).contains("needs the admin role").doesNotContain("created-token");
            admin.add(path);
        }
        assertThat(admin).contains("/admin", "/admin/keys", "/admin/models/rollback");
        // no key was created or revoked
        assertThat(fx.http.get("/v1/keys", fx.keys.get(Role.ADMIN)).json().get("keys")).isEqualTo(keysBefore);
        // and the navigation does not offer it
        assertThat(analyst.get("/feed").body()).doesNotContain("href=\"/admin\"");
    }

    @Test
    void everyPostNeedsTheSessionsCsrfToken() {
        WebClient analyst = signedIn(Role.ANALYST);
        String csrf = analyst.csrf();
        String path = "/alerts/" + alertId + "/feedback";
        assertThat(analyst.post(path, Map.of("verdict", "false_positive")).statusCode()).isEqualTo(403);
        assertThat(analyst.post(path, Map.of("verdict", "false_positive", "_csrf", "0".repeat(64))).statusCode()).isEqualTo(403);
        // another session's token does not work either
        String other = signedIn(Role.ANALYST).csrf();
        assertThat(other).isNotEqualTo(csrf);
        assertThat(analyst.post(path, Map.of("verdict", "false_positive", "_csrf", other)).statusCode()).isEqualTo(403);
        JsonNode alert = fx.http.get("/v1/alerts/" + alertId, fx.keys.get(Role.ANALYST)).json();
        assertThat(alert.get("feedback")).isEmpty();
    }

    @Test
    void feedbackFromTheFormIsTheApisFeedback() {
        String id = fx.oddEvent("transactions", "u7", "KP");
        WebClient analyst = signedIn(Role.ANALYST);
        HttpResponse<String> r = analyst.post("/alerts/" + id + "/feedback",
                Map.of("_csrf", analyst.csrf(), "verdict", "benign", "note", "a planned test <b>transfer</b>"));
        assertThat(r.statusCode()).isEqualTo(303);
        JsonNode fb = fx.http.get("/v1/alerts/" + id, fx.keys.get(Role.ANALYST)).json().get("feedback");
        assertThat(fb).hasSize(1);
        assertThat(fb.get(0).get("verdict").asText()).isEqualTo("benign");
        assertThat(fb.get(0).get("note").asText()).isEqualTo("a planned test <b>transfer</b>");
        assertThat(fb.get(0).get("author").asText()).isEqualTo("web-analyst");
        JsonNode stats = fx.http.get("/v1/feedback/stats", fx.keys.get(Role.ANALYST)).json();
        assertThat(stats.get("overall").get("benign").asInt()).isGreaterThanOrEqualTo(1);
        // the page shows the note as text
        assertThat(analyst.get("/alerts/" + id).body()).contains("a planned test &lt;b&gt;transfer&lt;/b&gt;");
        // a verdict the API does not know is refused the same way
        assertThat(analyst.post("/alerts/" + id + "/feedback", Map.of("_csrf", analyst.csrf(), "verdict", "maybe")).statusCode())
                .isEqualTo(422);
    }

    @Test
    void signingInIssuesANewSessionIdAndEndsAnEarlierOne() {
        String first = signedIn(Role.ANALYST).cookies.get(Sessions.COOKIE);
        // a browser that still sends the earlier session's cookie while it signs in (a planted cookie, say)
        WebClient c = new WebClient(fx.base());
        java.util.regex.Matcher m = WebClient.CSRF_FIELD.matcher(c.get("/login").body());
        assertThat(m.find()).isTrue();
        c.cookies.put(Sessions.COOKIE, first);
        assertThat(c.post("/login", Map.of("_csrf", m.group(1), "key", fx.keys.get(Role.ADMIN))).statusCode()).isEqualTo(303);
        String second = c.cookies.get(Sessions.COOKIE);
        assertThat(second).isNotEqualTo(first);
        assertThat(c.get("/admin").statusCode()).isEqualTo(200);
        WebClient replay = new WebClient(fx.base());
        replay.cookies.put(Sessions.COOKIE, first);
        assertThat(replay.get("/feed").statusCode()).isEqualTo(303);
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        WebClient c = signedIn(Role.ANALYST);
        String session = c.cookies.get(Sessions.COOKIE);
        assertThat(c.get("/feed").statusCode()).isEqualTo(200);
        HttpResponse<String> out = c.post("/logout", Map.of("_csrf", c.csrf()));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(c.cookies).doesNotContainKey(Sessions.COOKIE);
        // the old cookie, replayed, no longer opens anything
        WebClient replay = new WebClient(fx.base());
        replay.cookies.put(Sessions.COOKIE, session);
        assertThat(replay.get("/feed").statusCode()).isEqualTo(303);
    }

    @Test
    void revokingTheKeyEndsItsSessions() {
        String token = fx.server.keys().create("short-lived", Role.ANALYST).token();
        WebClient c = new WebClient(fx.base());
        assertThat(c.signIn(token).statusCode()).isEqualTo(303);
        assertThat(c.get("/feed").statusCode()).isEqualTo(200);
        assertThat(fx.http.delete("/v1/keys/" + token.substring(3, 19), fx.keys.get(Role.ADMIN)).status()).isEqualTo(204);
        HttpResponse<String> after = c.get("/feed");
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValue("/login");
    }
}
