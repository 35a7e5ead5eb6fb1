package io.sentinelrisk.server.web;

import io.javalin.http.Context;

import java.util.Arrays;
import java.util.List;

/**
 * What the layout needs from every page: its title, the current navigation entry (null for none),
 * who is signed in (null on the sign-in and error pages of a signed-out browser), the navigation
 * entries that user may see, and the CSRF token that forms and htmx requests send back.
 */
public record PageContext(String title, Nav current, WebSession session, List<Nav> nav, String path) {

    public static PageContext of(Context ctx, WebSession session, Nav current, String title) {
        List<Nav> visible = session == null ? List.of()
                : Arrays.stream(Nav.values()).filter(n -> session.role().allows(n.role())).toList();
        return new PageContext(title, current, session, visible, ctx.path());
    }

    /** The CSRF token, or "" when nobody is signed in. */
    public String csrf() {
        return session == null ? "" : session.csrf();
    }

    public boolean signedIn() {
        return session != null;
    }

    public boolean isCurrent(Nav n) {
        return n == current;
    }
}
