package io.sentinelrisk.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.sentinelrisk.server.api.Api;
import io.sentinelrisk.server.auth.ApiKey;
import io.sentinelrisk.server.auth.KeyStore;
import io.sentinelrisk.server.delivery.DeliveryQuery;
import io.sentinelrisk.server.delivery.DeliveryRecord;
import io.sentinelrisk.server.delivery.DeliveryStatus;
import io.sentinelrisk.server.scoring.Sources;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Admins only ({@link PageTable} gives every route here {@code Role.ADMIN}): model versions with
 * promote and rollback, keys (create, revoke), the delivery routes and the latest dead letters.
 * Each action calls the Api method of its REST route (POST /v1/models/{version}/promote,
 * POST /v1/models/rollback, POST /v1/keys, DELETE /v1/keys/{id}, GET /v1/deliveries).
 */
public final class AdminPage {
    /** Dead letters listed. */
    static final int DEAD_LETTERS = 20;

    private final Api api;
    private final Templates templates;
    private final Sessions sessions;
    private final Supplier<List<String>> routes;

    public AdminPage(Api api, Templates templates, Sessions sessions, Supplier<List<String>> routes) {
        this.api = api;
        this.templates = templates;
        this.sessions = sessions;
        this.routes = routes;
    }

    /** A registered model version as GET /v1/models lists it. */
    public record ModelItem(String version, String source, String origin, String detector, String createdAt, long sizeBytes, boolean champion) {
    }

    /** A key created just now: its token is shown on this answer only. */
    public record CreatedKey(String name, String role, String token) {
    }

    public record AdminView(PageContext page, List<String> sources, List<ModelItem> models, List<ApiKey> keys,
                            List<String> routes, List<DeliveryRecord> deadLetters, String done, CreatedKey created) {
    }

    public void page(Context ctx, WebSession session) {
        show(ctx, session, done(ctx.queryParam("done")), null);
    }

    public void promote(Context ctx, WebSession session) {
        api.promoteModel(ctx.pathParam("version"), Sources.parameter(ctx.formParam("source")));
        ctx.redirect("/admin?done=promoted", HttpStatus.SEE_OTHER);
    }

    public void rollback(Context ctx, WebSession session) {
        api.rollbackModel(Sources.parameter(ctx.formParam("source")));
        ctx.redirect("/admin?done=rolled_back", HttpStatus.SEE_OTHER);
    }

    public void createKey(Context ctx, WebSession session) {
        KeyStore.Created c = api.createKey(new Api.KeyBody(ctx.formParam("name"), ctx.formParam("role")));
        ctx.status(201);
        show(ctx, session, null, new CreatedKey(c.key().name(), c.key().role().id(), c.token()));
    }

    public void revokeKey(Context ctx, WebSession session) {
        String id = ctx.pathParam("id");
        api.revokeKey(id);
        sessions.endForKey(id);
        ctx.redirect("/admin?done=revoked", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, WebSession session, String done, CreatedKey created) {
        JsonNode list = api.modelList(null);
        List<ModelItem> models = new ArrayList<>();
        for (JsonNode m : list.path("models")) {
            models.add(new ModelItem(m.path("version").asText(), m.path("source").asText(), m.path("origin").asText(), m.path("detector").asText(),
                    m.path("created_at").asText(), m.path("size_bytes").asLong(), m.path("champion").asBoolean()));
        }
        List<DeliveryRecord> dead = api.deliveries(new DeliveryQuery(DeliveryStatus.DEAD_LETTER, null, null, DEAD_LETTERS))
                .deliveries();
        templates.render(ctx, "admin.jte", new AdminView(PageContext.of(ctx, session, Nav.ADMIN, "Admin"),
                sources(list), models, api.keyList(), routes.get(), dead, done, created));
    }

    /** The sources that have a champion: the ones a rollback can name. */
    private static List<String> sources(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("champions").fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String done(String what) {
        if (what == null) {
            return null;
        }
        return switch (what) {
            case "promoted" -> "Model promoted.";
            case "rolled_back" -> "Rolled back to the previous champion.";
            case "revoked" -> "Key revoked; its sessions have ended.";
            default -> null;
        };
    }
}
