package io.sentinelrisk.server.api;

import io.sentinelrisk.server.auth.Role;

import java.util.List;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;

/**
 * Every {@code /v1} route with the role it needs: ingest scores and sends events; analyst reads
 * alerts, entities, incidents, feedback and the delivery log and sets status; admin manages models and keys (and
 * may call every route). The OpenAPI file documents exactly these (a test checks both ways).
 */
public final class RouteTable {
    private RouteTable() {
    }

    public static List<Route> v1(Api api) {
        return List.of(
                new Route(POST, "/v1/score", Role.INGEST, api::score),
                new Route(POST, "/v1/events", Role.INGEST, api::events),
                new Route(GET, "/v1/alerts", Role.ANALYST, api::listAlerts),
                new Route(GET, "/v1/alerts/{id}", Role.ANALYST, api::getAlert),
                new Route(PATCH, "/v1/alerts/{id}", Role.ANALYST, api::patchAlert),
                new Route(POST, "/v1/alerts/{id}/feedback", Role.ANALYST, api::feedback),
                new Route(GET, "/v1/feedback/stats", Role.ANALYST, api::feedbackStats),
                new Route(GET, "/v1/entities", Role.ANALYST, api::rankedEntities),
                new Route(GET, "/v1/entities/{id}", Role.ANALYST, api::entity),
                new Route(GET, "/v1/incidents", Role.ANALYST, api::incidents),
                new Route(GET, "/v1/deliveries", Role.ANALYST, api::listDeliveries),
                new Route(GET, "/v1/models", Role.ADMIN, api::listModels),
                new Route(POST, "/v1/models", Role.ADMIN, api::uploadModel),
                new Route(POST, "/v1/models/{version}/promote", Role.ADMIN, api::promote),
                new Route(POST, "/v1/models/rollback", Role.ADMIN, api::rollback),
                new Route(POST, "/v1/models/retrain", Role.ADMIN, api::retrain),
                new Route(GET, "/v1/keys", Role.ADMIN, api::listKeys),
                new Route(POST, "/v1/keys", Role.ADMIN, api::createKey),
                new Route(DELETE, "/v1/keys/{id}", Role.ADMIN, api::revokeKey));
    }
}
