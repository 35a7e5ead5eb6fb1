package io.sentinelrisk.server.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.sentinelrisk.server.auth.Role;

/**
 * One route of the server: method, path template (Javalin syntax, {@code {id}}), the role it
 * needs (null = public) and its handler. The server registers exactly the routes of
 * {@link RouteTable}; the tests walk the same table.
 */
public record Route(HandlerType method, String path, Role role, Handler handler) {
    /** The path as OpenAPI writes it (the same {@code {name}} syntax). */
    public String openApiPath() {
        return path;
    }
}
