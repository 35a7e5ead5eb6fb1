package io.sentinelrisk.server.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.sentinelrisk.server.api.Api;
import io.sentinelrisk.server.api.Incidents;
import io.sentinelrisk.server.error.ApiException;
import io.sentinelrisk.server.store.AlertQuery;
import io.sentinelrisk.server.store.AlertRow;

import java.util.List;

/**
 * One alert: its explanation, raw event, business mapping, incident, status and assignee, and the
 * feedback buttons. Reads and writes go through the same {@link Api} methods as GET/PATCH
 * /v1/alerts/{id} and POST /v1/alerts/{id}/feedback, so a verdict given here is the verdict the
 * API lists and the precision statistics count.
 */
public final class AlertPage {
    private final Api api;
    private final Templates templates;

    public AlertPage(Api api, Templates templates) {
        this.api = api;
        this.templates = templates;
    }

    public record AlertView(PageContext page, AlertDetail alert, List<String> statuses, String saved, long now) {
    }

    /** /alerts: the newest alert (the navigation's "Alert" entry), or the feed when there is none. */
    public void newest(Context ctx, WebSession session) {
        List<AlertRow> newest = api.alerts(new AlertQuery(null, null, null, null, null, null, null, null, 1));
        ctx.redirect(newest.isEmpty() ? "/feed" : "/alerts/" + AlertCard.enc(newest.get(0).id()), HttpStatus.SEE_OTHER);
    }

    public void page(Context ctx, WebSession session) {
        String id = ctx.pathParam("id");
        ObjectNode a = api.alertWithFeedback(id);
        String saved = switch (ctx.queryParam("saved") == null ? "" : ctx.queryParam("saved")) {
            case "feedback" -> "Feedback saved.";
            case "status" -> "Status saved.";
            default -> null;
        };
        templates.render(ctx, "alert.jte", new AlertView(PageContext.of(ctx, session, Nav.ALERT, "Alert"),
                AlertDetail.of(a, incidentOf(a)), FeedFilters.STATUSES, saved, System.currentTimeMillis()));
    }

    /** The incident (from the entity's incidents, as GET /v1/entities/{id} groups them) holding this alert, or null. */
    private Incidents.Incident incidentOf(ObjectNode a) {
        String entity = AlertCard.text(a, "entity");
        if (entity == null) {
            return null;
        }
        String id = AlertCard.text(a, "alert_id");
        try {
            return api.entityView(entity, Incidents.DEFAULT_GAP_MINUTES * 60_000L).incidents().stream()
                    .filter(i -> i.alertIds().contains(id)).findFirst().orElse(null);
        } catch (ApiException e) {
            return null;    // the entity's events are gone: no incident to show
        }
    }

    public void feedback(Context ctx, WebSession session) {
        String id = ctx.pathParam("id");
        String note = ctx.formParam("note");
        api.addFeedback(id, new Api.FeedbackBody(ctx.formParam("verdict"), note == null || note.isBlank() ? null : note),
                session.key());
        ctx.redirect("/alerts/" + AlertCard.enc(id) + "?saved=feedback#feedback", HttpStatus.SEE_OTHER);
    }

    public void status(Context ctx, WebSession session) {
        String id = ctx.pathParam("id");
        String status = ctx.formParam("status");
        api.updateAlert(id, new Api.AlertPatch(status == null || status.isEmpty() ? null : status, ctx.formParam("assignee")));
        ctx.redirect("/alerts/" + AlertCard.enc(id) + "?saved=status#workflow", HttpStatus.SEE_OTHER);
    }
}
