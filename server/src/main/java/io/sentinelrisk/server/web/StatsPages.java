package io.sentinelrisk.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.sentinelrisk.server.api.Api;
import io.sentinelrisk.server.api.JsonBodies;
import io.sentinelrisk.server.stats.BusinessImpact;
import io.sentinelrisk.server.stats.Distributions;
import io.sentinelrisk.server.stats.ModelPerformance;
import io.sentinelrisk.server.stats.TimeRange;

import java.util.ArrayList;
import java.util.List;

/**
 * The Distributions, Business impact and Model performance pages. Each reads the same answer as
 * its {@code GET /v1/stats/...} route (through {@link Api}), renders the numbers as tables, and
 * hands the whole answer to {@code /static/stats.js} as JSON in a {@code data-stats} attribute,
 * from which the script draws the charts.
 */
public final class StatsPages {
    /** The spans a page offers, as the {@code range} parameter spells them. */
    public static final List<String> RANGES = List.of("1h", "6h", "24h", "7d", "30d");
    static final String DEFAULT_RANGE = "24h";

    private final Api api;
    private final Templates templates;

    public StatsPages(Api api, Templates templates) {
        this.api = api;
        this.templates = templates;
    }

    /**
     * The page's controls as chosen: {@code range} (one of {@link #RANGES}), {@code source} ("" for
     * all) and the sources to choose from.
     */
    public record Controls(String range, String source, List<String> sources) {
    }

    public record DistributionsView(PageContext page, Controls controls, Distributions.View data, String json,
                                    String featureSource) {
    }

    public record ImpactView(PageContext page, Controls controls, BusinessImpact.View data, String json) {
    }

    public record PerformanceView(PageContext page, Controls controls, ModelPerformance.View data, String json) {
    }

    public void distributions(Context ctx, WebSession session) {
        String range = range(ctx);
        String source = source(ctx);
        Distributions.View data = api.distributions(timeRange(range), source, Distributions.DEFAULT_BINS);
        List<String> sources = new ArrayList<>();
        data.score().sources().forEach(s -> sources.add(s.source()));
        data.features().forEach(f -> {
            if (!sources.contains(f.source())) {
                sources.add(f.source());
            }
        });
        // feature charts for one source at a time (the chosen one, else the busiest); the table lists all
        String featureSource = source != null ? source : data.features().isEmpty() ? null : data.features().get(0).source();
        templates.render(ctx, "distributions.jte", new DistributionsView(PageContext.of(ctx, session, Nav.DISTRIBUTIONS, "Distributions"),
                new Controls(range, source == null ? "" : source, sources), data, json(data), featureSource));
    }

    public void business(Context ctx, WebSession session) {
        String range = range(ctx);
        String source = source(ctx);
        long now = System.currentTimeMillis();
        BusinessImpact.View data = api.impact(timeRange(range), source, now);
        templates.render(ctx, "business.jte", new ImpactView(PageContext.of(ctx, session, Nav.BUSINESS, "Business impact"),
                new Controls(range, source == null ? "" : source, api.alertSources(timeRange(range))), data, json(data)));
    }

    public void model(Context ctx, WebSession session) {
        String range = range(ctx);
        ModelPerformance.View data = api.performance(timeRange(range));
        templates.render(ctx, "model.jte", new PerformanceView(PageContext.of(ctx, session, Nav.MODEL, "Model performance"),
                new Controls(range, "", List.of()), data, json(data)));
    }

    /** The chosen span, or the default when the parameter is missing or not one offered. */
    static String range(Context ctx) {
        String r = ctx.queryParam("range");
        return r != null && RANGES.contains(r) ? r : DEFAULT_RANGE;
    }

    private static String source(Context ctx) {
        String s = ctx.queryParam("source");
        return s == null || s.isBlank() || s.length() > 200 ? null : s;
    }

    /** The span ending now. */
    static TimeRange timeRange(String range) {
        long unit = range.endsWith("h") ? TimeRange.Bucket.HOUR.millis : TimeRange.Bucket.DAY.millis;
        long span = Long.parseLong(range.substring(0, range.length() - 1)) * unit;
        long now = System.currentTimeMillis();
        long end = TimeRange.justAfter(now);
        return TimeRange.of(end - span, end, null, now);
    }

    private static String json(Object view) {
        try {
            return JsonBodies.MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the page's data", e);
        }
    }
}
