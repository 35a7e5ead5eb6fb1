package io.sentinelrisk.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.sentinelrisk.server.auth.ApiKey;
import io.sentinelrisk.server.auth.KeyStore;
import io.sentinelrisk.server.auth.Role;

import java.util.Optional;

/**
 * Sign-in with an API key and sign-out. The key is checked by the same {@link KeyStore} as the
 * API's bearer tokens; a new random session id is issued at every sign-in (no fixation). The
 * sign-in form carries its own CSRF token (a cookie and a field that must match), since there is
 * no session yet.
 */
public final class LoginPages {
    static final String LOGIN_COOKIE = "sr_login";

    private final KeyStore keys;
    private final Sessions sessions;
    private final Templates templates;
    private final PageGate gate;

    public LoginPages(KeyStore keys, Sessions sessions, Templates templates, PageGate gate) {
        this.keys = keys;
        this.sessions = sessions;
        this.templates = templates;
        this.gate = gate;
    }

    public record LoginView(PageContext page, String loginToken, String error) {
    }

    public void form(Context ctx, WebSession none) {
        if (gate.session(ctx).isPresent()) {
            ctx.redirect("/feed", HttpStatus.SEE_OTHER);
            return;
        }
        show(ctx, null, 200);
    }

    public void signIn(Context ctx, WebSession none) {
        String expected = ctx.cookie(LOGIN_COOKIE);
        if (expected == null || !Sessions.same(expected, ctx.formParam(PageGate.CSRF_FIELD))) {
            show(ctx, "The sign-in form was stale; paste the key again.", 403);
            return;
        }
        String token = ctx.formParam("key");
        Optional<ApiKey> key = keys.authenticate(token == null ? null : token.strip());
        if (key.isEmpty()) {
            show(ctx, "That key is unknown or revoked.", 401);
            return;
        }
        if (key.get().role() == Role.INGEST) {
            show(ctx, "That key has role ingest: it may send events, not read them. Use an analyst or admin key.", 403);
            return;
        }
        sessions.end(ctx.cookie(Sessions.COOKIE));   // a sign-in never keeps an earlier session id
        WebSession s = sessions.open(key.get());
        setCookie(ctx, Sessions.COOKIE, s.id(), -1);
        setCookie(ctx, LOGIN_COOKIE, "", 0);
        ctx.redirect("/feed", HttpStatus.SEE_OTHER);
    }

    public void signOut(Context ctx, WebSession session) {
        sessions.end(session.id());
        setCookie(ctx, Sessions.COOKIE, "", 0);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, String error, int status) {
        String token = Sessions.token();
        setCookie(ctx, LOGIN_COOKIE, token, -1);
        ctx.status(status);
        templates.render(ctx, "login.jte", new LoginView(PageContext.of(ctx, null, null, "Sign in"), token, error));
    }

    /**
     * HttpOnly (no script reads it), SameSite=Strict (never sent by another site's request), Secure
     * when the request came over TLS; {@code maxAge} -1 = until the browser closes, 0 = delete.
     */
    static void setCookie(Context ctx, String name, String value, int maxAge) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Strict");
        if (maxAge >= 0) {
            c.append("; Max-Age=").append(maxAge);
        }
        if (ctx.req().isSecure()) {
            c.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", c.toString());
    }
}
