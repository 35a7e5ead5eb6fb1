package io.sentinelrisk.server.web;

import io.javalin.http.HandlerType;
import io.sentinelrisk.server.auth.Role;

/**
 * One dashboard route: method, path (Javalin syntax), the role it needs ({@code analyst} or
 * {@code admin}; null only for the sign-in page and static assets) and its handler. Pages are not
 * API routes: they live outside {@code /v1} and the OpenAPI document leaves them out.
 */
public record Page(HandlerType method, String path, Role role, PageHandler handler) {
}
