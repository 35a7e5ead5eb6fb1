package io.sentinelrisk.server.web;

import io.sentinelrisk.server.auth.Role;

import java.util.List;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

/**
 * Every dashboard route with the role it needs. {@link PageGate} enforces the role (and CSRF on
 * POST) for each one; a page or action for admins only says {@code Role.ADMIN} here and nowhere
 * else. Add a page by adding a line (see the package documentation for the template side).
 */
public final class PageTable {
    private PageTable() {
    }

    public static List<Page> pages(Dashboard d) {
        return List.of(
                new Page(GET, "/", Role.ANALYST, (ctx, s) -> ctx.redirect("/feed", io.javalin.http.HttpStatus.SEE_OTHER)),
                new Page(GET, "/login", null, d.login()::form),
                new Page(POST, "/login", null, d.login()::signIn),
                new Page(POST, "/logout", Role.ANALYST, d.login()::signOut),
                new Page(GET, "/feed", Role.ANALYST, d.feed()::page),
                new Page(GET, "/feed/rows", Role.ANALYST, d.feed()::rows),
                new Page(GET, "/feed/stream", Role.ANALYST, d.stream()::open),
                new Page(GET, "/alerts", Role.ANALYST, d.alert()::newest),
                new Page(GET, "/alerts/{id}", Role.ANALYST, d.alert()::page),
                new Page(POST, "/alerts/{id}/feedback", Role.ANALYST, d.alert()::feedback),
                new Page(POST, "/alerts/{id}/status", Role.ANALYST, d.alert()::status),
                new Page(GET, "/entities", Role.ANALYST, d.entities()::ranked),
                new Page(GET, "/entity", Role.ANALYST, d.entities()::entity),
                new Page(GET, "/admin", Role.ADMIN, d.admin()::page),
                new Page(POST, "/admin/models/{version}/promote", Role.ADMIN, d.admin()::promote),
                new Page(POST, "/admin/models/rollback", Role.ADMIN, d.admin()::rollback),
                new Page(POST, "/admin/keys", Role.ADMIN, d.admin()::createKey),
                new Page(POST, "/admin/keys/{id}/revoke", Role.ADMIN, d.admin()::revokeKey));
    }
}
