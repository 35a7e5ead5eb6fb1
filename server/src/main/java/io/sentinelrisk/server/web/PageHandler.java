package io.sentinelrisk.server.web;

import io.javalin.http.Context;

/** A page's handler: it runs only after {@link PageGate} has found the session and checked its role (and CSRF on POST). */
@FunctionalInterface
public interface PageHandler {
    void handle(Context ctx, WebSession session) throws Exception;
}
