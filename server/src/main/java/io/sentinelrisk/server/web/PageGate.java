package io.sentinelrisk.server.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.sentinelrisk.server.auth.KeyStore;
import io.sentinelrisk.server.error.ApiException;
import io.sentinelrisk.server.metrics.ServerMetrics;
import io.sentinelrisk.server.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * What every dashboard request goes through: the security headers, the session (a signed-out
 * browser is sent to the sign-in page; an htmx or POST request gets 401), the key still active
 * (a revoked key ends its sessions at once), the role (403 page, whatever the request looks
 * like), the CSRF token of every POST (form field {@code _csrf} or header {@code X-CSRF-Token}),
 * errors as an HTML page (never a stack trace), and the latency metric of the route.
 */
public final class PageGate {
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger LOG = LoggerFactory.getLogger(PageGate.class);

    /**
     * No inline script or style anywhere: scripts and styles come from this server only, the pages
     * cannot be framed, forms post only here, and nothing else is loaded.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final Sessions sessions;
    private final KeyStore keys;
    private final Templates templates;
    private final ServerMetrics metrics;

    public PageGate(Sessions sessions, KeyStore keys, Templates templates, ServerMetrics metrics) {
        this.sessions = sessions;
        this.keys = keys;
        this.templates = templates;
        this.metrics = metrics;
    }

    /** The page's handler wrapped with the checks above. */
    public Handler wrap(Page page) {
        return ctx -> {
            long start = System.nanoTime();
            try {
                securityHeaders(ctx);
                WebSession session = null;
                if (page.role() != null) {
                    Optional<WebSession> found = session(ctx);
                    if (found.isEmpty()) {
                        signedOut(ctx);
                        return;
                    }
                    session = found.get();
                    if (!session.role().allows(page.role())) {
                        error(ctx, 403, "Forbidden", "This page needs the " + page.role().id() + " role; you signed in as "
                                + session.role().id() + ".", session);
                        return;
                    }
                    if (page.method() != HandlerType.GET && !csrfOk(ctx, session)) {
                        error(ctx, 403, "Forbidden", "The form's security token is missing or stale. Reload the page and try again.",
                                session);
                        return;
                    }
                }
                page.handler().handle(ctx, session);
            } catch (ApiException e) {
                error(ctx, e.status(), title(e.status()), e.getMessage(), session(ctx).orElse(null));
            } catch (StoreException e) {
                LOG.error("store operation {} failed: {}", e.operation(), e.getMessage());
                error(ctx, 503, "Store unavailable", "The store could not complete the request; retry.", null);
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", page.method(), page.path(), e);
                error(ctx, 500, "Server error", "The server failed on this request; it is logged.", null);
            } finally {
                metrics.request(page.method().name(), page.path(), ctx.statusCode(), System.nanoTime() - start);
            }
        };
    }

    /** The session of the request's cookie while its key is active; a revoked key's sessions end here. */
    Optional<WebSession> session(Context ctx) {
        Optional<WebSession> s = sessions.find(ctx.cookie(Sessions.COOKIE));
        if (s.isPresent() && keys.activeById(s.get().keyId()).isEmpty()) {
            sessions.endForKey(s.get().keyId());
            return Optional.empty();
        }
        return s;
    }

    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    private static boolean csrfOk(Context ctx, WebSession session) {
        String given = ctx.header(CSRF_HEADER);
        if (given == null) {
            given = ctx.formParam(CSRF_FIELD);
        }
        return Sessions.same(session.csrf(), given);
    }

    private static void signedOut(Context ctx) {
        if (ctx.method() == HandlerType.GET && ctx.header("HX-Request") == null) {
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            // htmx follows redirects inside the fragment; tell it to load the sign-in page instead
            ctx.header("HX-Redirect", "/login");
            ctx.status(401).contentType("text/plain; charset=utf-8").result("signed out: sign in again at /login");
        }
    }

    private void error(Context ctx, int status, String title, String message, WebSession session) {
        ctx.status(status);
        templates.render(ctx, "error.jte", new ErrorView(PageContext.of(ctx, session, null, title), status, message));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Signed out";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 422 -> "Not accepted";
            default -> "Error " + status;
        };
    }

    /** The error page's view. */
    public record ErrorView(PageContext page, int status, String message) {
    }
}
