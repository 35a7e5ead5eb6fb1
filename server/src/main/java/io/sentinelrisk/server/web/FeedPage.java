package io.sentinelrisk.server.web;

import io.javalin.http.Context;
import io.sentinelrisk.server.api.Api;
import io.sentinelrisk.server.api.Views;
import io.sentinelrisk.server.store.AlertRow;

import java.util.List;

/**
 * The feed: alerts newest first with the filters of GET /v1/alerts, read through {@link Api#alerts}.
 * The list lives in {@code #feed-rows}; when ingest stores alerts, {@link FeedStream} tells every
 * open feed over SSE and htmx reloads the list with the form's filters ({@code GET /feed/rows}).
 */
public final class FeedPage {
    private final Api api;
    private final Templates templates;

    public FeedPage(Api api, Templates templates) {
        this.api = api;
        this.templates = templates;
    }

    public record FeedView(PageContext page, FeedFilters filters, List<AlertCard> alerts, long now) {
    }

    public record RowsView(List<AlertCard> alerts, long now) {
    }

    public void page(Context ctx, WebSession session) {
        FeedFilters f = FeedFilters.of(ctx);
        templates.render(ctx, "feed.jte", new FeedView(PageContext.of(ctx, session, Nav.FEED, "Feed"), f, cards(f),
                System.currentTimeMillis()));
    }

    /** The list alone, for htmx's reload. */
    public void rows(Context ctx, WebSession session) {
        FeedFilters f = FeedFilters.of(ctx);
        templates.render(ctx, "feedRows.jte", new RowsView(cards(f), System.currentTimeMillis()));
    }

    private List<AlertCard> cards(FeedFilters f) {
        List<AlertRow> rows = api.alerts(f.query());
        return rows.stream().map(r -> AlertCard.of(Views.alert(r))).toList();
    }
}
