package io.sentinelrisk.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.sentinelrisk.server.api.Api;
import io.sentinelrisk.server.api.Entities;
import io.sentinelrisk.server.api.Incidents;
import io.sentinelrisk.server.api.JsonBodies;
import io.sentinelrisk.server.api.Views;
import io.sentinelrisk.server.error.ApiException;
import io.sentinelrisk.server.store.AlertQuery;
import io.sentinelrisk.server.store.EventStore;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entities ranked by risk (GET /v1/entities) and one entity's page (GET /v1/entities/{id}): its
 * risk over time as a uPlot chart and its incidents, each the chain of its alerts in time order.
 */
public final class EntitiesPage {
    /** Entities listed on the ranking page. */
    static final int RANKED = 100;

    private final Api api;
    private final Templates templates;

    public EntitiesPage(Api api, Templates templates) {
        this.api = api;
        this.templates = templates;
    }

    public record RankedView(PageContext page, List<EventStore.EntityRank> entities) {
        public String risk(double r) {
            return String.format(Locale.ROOT, "%.1f", r);
        }

        public String link(String entity) {
            return Links.entity(entity);
        }
    }

    /** One incident with its alerts in time order. */
    public record IncidentView(Incidents.Incident incident, List<AlertCard> alerts) {
    }

    public record EntityView(PageContext page, Entities.View entity, String chart, List<IncidentView> incidents, long now) {
        public String risk(double r) {
            return String.format(Locale.ROOT, "%.1f", r);
        }
    }

    public void ranked(Context ctx, WebSession session) {
        templates.render(ctx, "entities.jte", new RankedView(PageContext.of(ctx, session, Nav.ENTITIES, "Entities"),
                api.rankedEntities(RANKED)));
    }

    public void entity(Context ctx, WebSession session) {
        String id = ctx.queryParam("id");
        if (id == null || id.isEmpty()) {
            throw ApiException.badRequest("invalid_parameter", "which entity? (/entity?id=NAME)", "id");
        }
        Entities.View v = api.entityView(id, Incidents.DEFAULT_GAP_MINUTES * 60_000L);
        Map<String, AlertCard> alerts = new HashMap<>();
        api.alerts(new AlertQuery(null, null, id, null, null, null, null, null, Incidents.MAX_ALERTS))
                .forEach(r -> alerts.put(r.id(), AlertCard.of(Views.alert(r))));
        List<IncidentView> incidents = new ArrayList<>();
        for (Incidents.Incident i : v.incidents()) {
            List<AlertCard> chain = new ArrayList<>();
            for (String alertId : i.alertIds()) {
                AlertCard c = alerts.get(alertId);
                if (c != null) {
                    chain.add(c);
                }
            }
            incidents.add(new IncidentView(i, chain));
        }
        templates.render(ctx, "entity.jte", new EntityView(PageContext.of(ctx, session, Nav.ENTITIES, "Entity"), v,
                chart(v), incidents, System.currentTimeMillis()));
    }

    /** The uPlot data of the risk timeline: per UTC day (epoch seconds), the highest and the mean risk. */
    static String chart(Entities.View v) {
        List<Long> x = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        for (Entities.Day d : v.riskOverTime()) {
            x.add(LocalDate.parse(d.day()).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
            max.add(d.maxRisk());
            mean.add(d.meanRisk());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("x", x);
        spec.put("y", "risk");
        spec.put("series", List.of(Map.of("label", "highest risk", "values", max), Map.of("label", "mean risk", "values", mean)));
        try {
            return JsonBodies.MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
